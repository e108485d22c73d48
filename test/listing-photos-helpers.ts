/** Helpers for publishing listings with photos (multipart) and setting their photos. */
import { JPEG_BYTES, PNG_BYTES } from './helpers';

/** The multipart body of a listing published with its photos. */
export function publishForm(listing: Record<string, unknown>, photos: File[]): FormData {
  const form = new FormData();
  form.append('listing', JSON.stringify(listing));
  for (const p of photos) form.append('photo', p);
  return form;
}

/** The multipart body setting a listing's photos: kept ids and null where each new photo goes. */
export function orderForm(order: (number | null)[], photos: File[] = []): FormData {
  const form = new FormData();
  form.append('order', JSON.stringify(order));
  for (const p of photos) form.append('photo', p);
  return form;
}

export const png = (name = 'a.png') => new File([PNG_BYTES], name, { type: 'image/png' });
export const jpeg = (name = 'b.jpg') => new File([JPEG_BYTES], name, { type: 'image/jpeg' });
export const text = (name = 'notes.txt') => new File(['not a picture'], name, { type: 'text/plain' });
