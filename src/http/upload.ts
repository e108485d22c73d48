import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { ApiError, validationError } from './errors';

// The largest photo we keep, and room for the multipart envelope around it.
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024 + 8192;

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
