/**
 * Storing and serving photos of listings, machines and exchange outcomes: checked by content,
 * kept in R2, counted by the database. The owning module decides who may add, remove or see a
 * photo; this module does the rest, the same way for all three.
 */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type { ErrorCode } from '../../shared/errors';
import type { TPhoto } from '../../shared/photos.schemas';
import { MAX_OUTCOME_PHOTOS, MAX_PHOTO_BYTES, MAX_PHOTOS, sniffImageType } from './photos.domain';
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
