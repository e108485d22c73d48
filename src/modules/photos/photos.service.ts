/**
 * Storing and serving photos of listings, machines and exchange outcomes: checked by content,
 * kept in R2, counted by the database. The owning module decides who may add, remove or see a
 * photo; this module does the rest, the same way for all three.
 */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type { ErrorCode } from '../../shared/errors';
import { photoRefusalSentence, type PhotoRefusal, type TPhoto } from '../../shared/photos.schemas';
import type { Locale } from '../../shared/taxonomy';
import {
  keptPhotos,
  MAX_OUTCOME_PHOTOS,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  refusalOf,
  sniffImageType,
  type ImageType,
} from './photos.domain';
import * as repo from './photos.repo';

export type PhotoDeps = Deps & { photos: R2Bucket };

/** What photos belong to: where they are kept, how many there may be, and the URL each is served at. */
export type PhotoKind = {
  t: repo.PhotoTable;
  /** R2 keys are `<prefix>/<ownerId>/<uuid>`. */
  prefix: string;
  max: number;
  url: (ownerId: number, photoId: number) => string;
  /** The refusal when the owner has no room left. */
  full: () => ApiError;
};

export const LISTING: PhotoKind = {
  t: repo.LISTING_PHOTOS,
  prefix: 'listings',
  max: MAX_PHOTOS,
  url: (_ownerId, photoId) => `/api/v1/photos/${photoId}`,
  full: () => new ApiError('TOO_MANY_PHOTOS'),
};

export const MACHINE: PhotoKind = {
  t: repo.MACHINE_PHOTOS,
  prefix: 'machines',
  max: MAX_PHOTOS,
  url: (machineId, photoId) => `/api/v1/machines/${machineId}/photos/${photoId}`,
  full: () => new ApiError('TOO_MANY_PHOTOS'),
};

/** The outcomes of one exchange: one photo each, served under the exchange (its URL names it). */
export function outcomeOf(exchangeId: number): PhotoKind {
  return {
    t: repo.OUTCOME_PHOTOS,
    prefix: 'outcomes',
    max: MAX_OUTCOME_PHOTOS,
    url: (outcomeId) => `/api/v1/exchanges/${exchangeId}/outcomes/${outcomeId}/photo`,
    full: () => new ApiError('INVALID_STATE', { details: { photo: 'present' } }),
  };
}

/** The photos of several owners, in their order. */
export function photosOf(deps: Deps, kind: PhotoKind, ownerIds: number[]): Promise<Map<number, TPhoto[]>> {
  return repo.photosOf(deps.db, kind.t, ownerIds, kind.url);
}

/**
 * The photos an owner's row keeps (a listing's `photos` column, set by the database on every
 * change of its photos), as `photosOf` gives them: no statement of its own.
 */
export function photosOfRow(kind: PhotoKind, ownerId: number, json: string | null): TPhoto[] {
  return keptPhotos(json).map(([id, contentType, bytes]) => ({
    id,
    url: kind.url(ownerId, id),
    contentType,
    bytes,
  }));
}

/** Checks an upload: at most 5 MB, and a JPEG, PNG or WebP by its bytes (never by its name). */
export async function checkPhoto(file: File): Promise<{ bytes: Uint8Array; type: string }> {
  if (file.size > MAX_PHOTO_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 16));
  if (!type) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  return { bytes, type };
}

/** Stores one photo of an owner the caller may edit; refuses one too many, a fake or an oversized one. */
export async function storePhoto(
  deps: PhotoDeps,
  kind: PhotoKind,
  ownerId: number,
  file: File,
): Promise<TPhoto> {
  const { bytes, type } = await checkPhoto(file);
  const objectKey = `${kind.prefix}/${ownerId}/${crypto.randomUUID()}`;
  // Reserve the place first: the database refuses one too many, even when two arrive at once.
  const photoId = await repo.insertPhotoIfRoom(deps.db, kind.t, {
    ownerId,
    objectKey,
    contentType: type,
    bytes: bytes.byteLength,
    now: deps.now().toISOString(),
    max: kind.max,
  });
  if (photoId === null) throw kind.full();
  try {
    await deps.photos.put(objectKey, bytes, { httpMetadata: { contentType: type } });
  } catch (err) {
    await repo.deletePhoto(deps.db, kind.t, photoId);
    throw err;
  }
  return { id: photoId, url: kind.url(ownerId, photoId), contentType: type, bytes: bytes.byteLength };
}

/** Removes a photo of an owner the caller may edit. */
export async function removePhoto(
  deps: PhotoDeps,
  kind: PhotoKind,
  ownerId: number,
  photoId: number,
): Promise<void> {
  const photo = await repo.findPhoto(deps.db, kind.t, photoId);
  if (!photo || photo.owner_id !== ownerId) throw new ApiError('PHOTO_NOT_FOUND');
  await repo.deletePhoto(deps.db, kind.t, photoId);
  await deps.photos.delete(photo.object_key);
}

export type StoredPhoto = { body: ReadableStream; contentType: string; etag: string; size: number };

/** A photo's bytes; `ownerId` when the URL names the owner, or `first` for an owner's first photo. */
export async function readPhoto(
  deps: PhotoDeps,
  kind: PhotoKind,
  {
    photoId,
    ownerId,
    notFound = 'PHOTO_NOT_FOUND',
  }: { photoId?: number; ownerId?: number; notFound?: ErrorCode },
): Promise<StoredPhoto> {
  const photo =
    photoId !== undefined
      ? await repo.findPhoto(deps.db, kind.t, photoId)
      : ownerId !== undefined
        ? await repo.firstPhotoOf(deps.db, kind.t, ownerId)
        : null;
  const object =
    photo && (ownerId === undefined || photo.owner_id === ownerId)
      ? await deps.photos.get(photo.object_key)
      : null;
  if (!photo || !object) throw new ApiError(notFound);
  return { body: object.body, contentType: photo.content_type, etag: object.httpEtag, size: object.size };
}

// ---------- several photos at once, written in the owner's batch ----------

/** A photo checked and put in R2, whose row is written in its owner's batch. */
export type PutPhoto = { objectKey: string; contentType: ImageType; bytes: number; position: number };

/** A new photo at its place among the owner's photos (0-based), as the person chose it. */
export type NewPhoto = { file: File; position: number };

/** A SELECT (its own ?1, ?2 … numbering) that decides, inside the batch, whether photo rows are written. */
export type SqlGuard = { sql: string; binds: unknown[] };

/**
 * Checks every new photo before anything is stored, and refuses with all failing ones named by
 * their place (1-based) and file name, in the reader's language: a 422 whose fields are `photos.N`.
 * `room` is how many new photos fit beside the ones kept.
 */
export async function checkPhotos(
  photos: NewPhoto[],
  { room, locale }: { room: number; locale: Locale },
): Promise<(NewPhoto & { type: ImageType })[]> {
  const refused: { index: number; position: number; name: string; reason: PhotoRefusal }[] = [];
  const checked: (NewPhoto & { type: ImageType })[] = [];
  for (const [index, photo] of photos.entries()) {
    const name = photo.file.name;
    if (index >= room) {
      refused.push({ index, position: photo.position + 1, name, reason: 'count' });
      continue;
    }
    // Only the first bytes are read here: the file goes to R2 as it came, never copied whole.
    const head =
      photo.file.size > MAX_PHOTO_BYTES
        ? new Uint8Array()
        : new Uint8Array(await photo.file.slice(0, 16).arrayBuffer());
    const reason = refusalOf(photo.file.size, head);
    const type = sniffImageType(head);
    if (reason || !type)
      refused.push({ index, position: photo.position + 1, name, reason: reason ?? 'type' });
    else checked.push({ ...photo, type });
  }
  if (refused.length)
    throw new ApiError('PHOTO_REFUSED', {
      details: {
        photos: refused.map(({ position, name, reason }) => ({ position, name, reason })),
        fields: refused.map((r) => ({
          path: `photos.${r.position - 1}`,
          message: photoRefusalSentence(r, locale),
        })),
      },
    });
  return checked;
}

/** Puts checked photos in R2 under fresh keys; on a failure removes those already put. */
export async function putPhotos(
  deps: PhotoDeps,
  kind: PhotoKind,
  photos: { file: File; type: ImageType; position: number }[],
): Promise<PutPhoto[]> {
  const put: PutPhoto[] = [];
  try {
    for (const p of photos) {
      // The owner may not exist yet (a listing created with its photos): the key names no owner.
      const objectKey = `${kind.prefix}/${crypto.randomUUID()}`;
      await deps.photos.put(objectKey, p.file, { httpMetadata: { contentType: p.type } });
      put.push({ objectKey, contentType: p.type, bytes: p.file.size, position: p.position });
    }
  } catch (err) {
    await dropObjects(
      deps,
      put.map((p) => p.objectKey),
    );
    throw err;
  }
  return put;
}

/** Removes stored bytes whose rows were never written or are gone; a failure only leaves bytes unread. */
export async function dropObjects(deps: PhotoDeps, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await deps.photos.delete(keys);
  } catch (err) {
    console.error(JSON.stringify({ error: 'photo objects left in R2', keys, detail: String(err) }));
  }
}

/** The statement writing the rows of photos put in R2, for the owner `owner` selects (none, none written). */
export function insertPhotosStatement(
  deps: Deps,
  kind: PhotoKind,
  o: { owner: SqlGuard; photos: PutPhoto[]; now: string },
): D1PreparedStatement {
  return repo.insertPhotosStatement(deps.db, kind.t, o);
}

/** The photos of an owner with their stored keys, to change the set of them. */
export function photoRowsOf(deps: Deps, kind: PhotoKind, ownerId: number): Promise<repo.PhotoRow[]> {
  return repo.photoRowsOf(deps.db, kind.t, ownerId);
}

/**
 * The statements making an owner's photos exactly `order` (kept ids, and new photos already put in
 * R2), each applied only while `guard` finds a row: the owner's statement before them decides.
 */
export function setPhotosStatements(
  deps: Deps,
  kind: PhotoKind,
  o: {
    ownerId: number;
    keep: number[];
    order: (number | null)[];
    added: PutPhoto[];
    guard: SqlGuard;
    now: string;
  },
): D1PreparedStatement[] {
  return [
    repo.deleteOthersStatement(deps.db, kind.t, o),
    repo.positionStatement(deps.db, kind.t, o),
    repo.insertPhotosStatement(deps.db, kind.t, {
      owner: {
        sql: `SELECT ?1 AS id WHERE EXISTS (${repo.shiftParams(o.guard.sql, 1)})`,
        binds: [o.ownerId, ...o.guard.binds],
      },
      photos: o.added,
      now: o.now,
    }),
  ];
}

/**
 * SQL true while an owner's photos are exactly the ids of JSON array parameter `?idsParam`
 * (sorted ascending), for the owner's own guarded statement; `ownerExpr` names the owner's id.
 */
export function photoSetIsCondition(kind: PhotoKind, ownerExpr: string, idsParam: number): string {
  return repo.photoSetIsCondition(kind.t, ownerExpr, idsParam);
}
