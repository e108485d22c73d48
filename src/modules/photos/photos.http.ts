/**
 * The transport side of photos, the same for listings, machines and exchange outcomes: reading
 * the upload, describing it in the contract, and answering with the stored bytes.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { ApiError, validationError } from '../../http/errors';
import { photoHeaders } from '../../http/security-headers';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photos.domain';
import type { StoredPhoto } from './photos.service';

// The largest photo we keep, and room for the multipart envelope around it.
const MAX_UPLOAD_BYTES = MAX_PHOTO_BYTES + 8192;

/** A public photo never changes under its URL (a new photo gets a new id): cached for a year. */
export const PUBLIC_IMMUTABLE = 'public, max-age=31536000, immutable';
/** A photo only some people may see: kept by their own browser for an hour, never by a shared cache. */
export const PRIVATE_HOUR = 'private, max-age=3600';

/** The request body of every photo upload, for the contract. */
export const photoUploadBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        photo: z.any().describe('The image file: JPEG, PNG or WebP (by its bytes), at most 5 MB'),
      }),
    },
  },
} as const;

/** The 200 answer of every photo download, for the contract. */
export const photoImageResponse = {
  description: 'The image, as the type its bytes were checked to be',
  content: { 'image/*': { schema: z.any() } },
} as const;

/** The `photo` file of a multipart upload; refuses an oversized body before reading it. */
export async function photoFromForm(c: Context<AppEnv>): Promise<File> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw validationError([{ path: 'photo', message: '' }]);
  }
  const file = form.get('photo');
  if (!(file instanceof File)) throw validationError([{ path: 'photo', message: '' }]);
  return file;
}

/** The stored photo as the answer: 304 when the browser already holds these bytes. */
export function photoResponse(c: Context<AppEnv>, photo: StoredPhoto, cacheControl: string): Response {
  if (c.req.header('if-none-match') === photo.etag) return c.body(null, 304);
  return c.body(photo.body, 200, photoHeaders(photo, cacheControl));
}

/** The most a multipart body with a full set of photos may weigh: the photos and room for the rest. */
const MAX_SET_BYTES = MAX_PHOTOS * MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * A multipart body carrying several photos (`photo`, repeated, in order) beside other parts;
 * refuses an oversized body before reading it, and a `photo` part that is not a file.
 */
export async function photosFromForm(c: Context<AppEnv>): Promise<{ form: FormData; files: File[] }> {
  if (Number(c.req.header('content-length') ?? 0) > MAX_SET_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw validationError([{ path: 'photo', message: '' }]);
  }
  const parts = form.getAll('photo');
  const files = parts.filter((p): p is File => p instanceof File);
  if (files.length !== parts.length) throw validationError([{ path: 'photo', message: 'photo_part' }]);
  return { form, files };
}

/** A multipart part holding JSON text, parsed; a missing part or broken JSON is a 422 naming it. */
export function jsonPart(form: FormData, name: string): unknown {
  const part = form.get(name);
  if (typeof part !== 'string') throw validationError([{ path: name, message: 'json_part' }]);
  try {
    return JSON.parse(part) as unknown;
  } catch {
    throw validationError([{ path: name, message: 'json_part' }]);
  }
}
