/** Photo rules shared by listings, machines and exchange outcomes: sizes, counts, what counts as an image. */
import { MAX_PHOTO_BYTES, type PhotoRefusal } from '../../shared/photos.schemas';

// The limits are stated once in src/shared, where the forms read them too.
export { MAX_OUTCOME_PHOTOS, MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../shared/photos.schemas';

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from the file's first bytes; the name and the declared type are not trusted. */
export function sniffImageType(head: Uint8Array): ImageType | null {
  const at = (i: number) => head[i];
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Why a file of this size and these first bytes cannot be kept, or null when it can. */
export function refusalOf(size: number, head: Uint8Array): PhotoRefusal | null {
  if (size > MAX_PHOTO_BYTES) return 'size';
  return sniffImageType(head) ? null : 'type';
}

/** A photo as its owner's row keeps it (`listings.photos`, migration 0050): id, content type, bytes. */
export type KeptPhoto = [id: number, contentType: string, bytes: number];

/** The photos an owner's row keeps, in their order: none when the column is NULL. */
export function keptPhotos(json: string | null): KeptPhoto[] {
  return json === null ? [] : (JSON.parse(json) as KeptPhoto[]);
}
