/** Storing and serving photos (of listings, of machines): checked by content, kept in R2. */
import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type { ErrorCode } from '../../shared/errors';
import type { TPhoto } from '../../shared/schemas';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, sniffImageType } from '../listings/listings.domain';
import * as repo from './photos.repo';

export type PhotoDeps = Deps & { photos: R2Bucket };
type Kind = { t: repo.PhotoTable; prefix: string; url: (ownerId: number, photoId: number) => string };

export const LISTING = {
  t: repo.LISTING_PHOTOS,
  prefix: 'listings',
  url: (_ownerId: number, photoId: number) => `/api/v1/photos/${photoId}`,
} satisfies Kind;

export const MACHINE = {
  t: repo.MACHINE_PHOTOS,
  prefix: 'machines',
  url: (machineId: number, photoId: number) => `/api/v1/machines/${machineId}/photos/${photoId}`,
} satisfies Kind;

export function photosOf(deps: Deps, kind: Kind, ownerIds: number[]): Promise<Map<number, TPhoto[]>> {
  return repo.photosOf(deps.db, kind.t, ownerIds, kind.url);
}

/** Stores one photo of an owner the caller may edit; refuses a ninth, a fake or an oversized one. */
export async function storePhoto(deps: PhotoDeps, kind: Kind, ownerId: number, file: File): Promise<TPhoto> {
  if (file.size > MAX_PHOTO_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImageType(bytes.subarray(0, 16));
  if (!type) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  const objectKey = `${kind.prefix}/${ownerId}/${crypto.randomUUID()}`;
  // Reserve the place first: the database refuses a ninth photo, even when two arrive at once.
  const photoId = await repo.insertPhotoIfRoom(deps.db, kind.t, {
    ownerId,
    objectKey,
    contentType: type,
    bytes: bytes.byteLength,
    now: deps.now().toISOString(),
    max: MAX_PHOTOS,
  });
  if (photoId === null) throw new ApiError('TOO_MANY_PHOTOS');
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
  kind: Kind,
  ownerId: number,
  photoId: number,
): Promise<void> {
  const photo = await repo.findPhoto(deps.db, kind.t, photoId);
  if (!photo || photo.owner_id !== ownerId) throw new ApiError('PHOTO_NOT_FOUND');
  await repo.deletePhoto(deps.db, kind.t, photoId);
  await deps.photos.delete(photo.object_key);
}

/** A photo's bytes; `ownerId` when the URL names the owner too. */
export async function readPhoto(
  deps: PhotoDeps,
  kind: Kind,
  {
    photoId,
    ownerId,
    notFound = 'PHOTO_NOT_FOUND',
  }: { photoId: number; ownerId?: number; notFound?: ErrorCode },
) {
  const photo = await repo.findPhoto(deps.db, kind.t, photoId);
  const object =
    photo && (ownerId === undefined || photo.owner_id === ownerId)
      ? await deps.photos.get(photo.object_key)
      : null;
  if (!photo || !object) throw new ApiError(notFound);
  return { body: object.body, contentType: photo.content_type, etag: object.httpEtag, size: object.size };
}
