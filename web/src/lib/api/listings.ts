/**
 * Publishing a listing with its photos, and setting the photos of a listing: each one request, so
 * either all of it is written or nothing is. Publishing carries an Idempotency-Key made once per
 * form, so a retry after a lost answer (or a second tap) finds the listing instead of making two.
 */
import type { TListing, TListingInput } from '$shared/schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation } from './operation';

/** A photo to send: its bytes and the file name the person chose (named back if it is refused). */
export type PhotoUpload = { blob: Blob; filename: string };

export function listingsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const send = <T>(op: { method: string; path: string }, form: FormData, key?: string) =>
    apiRequest<T>({
      fetchFn,
      locale: app.locale,
      messages: app.m.common,
      method: op.method,
      path: op.path,
      form,
      ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
    });

  return {
    /** Publishes a listing with its photos, in order: the listing with all of them, or nothing. */
    publish: (input: TListingInput, photos: PhotoUpload[], key: string) => {
      const form = new FormData();
      form.append('listing', JSON.stringify(input));
      for (const p of photos) form.append('photo', p.blob, p.filename);
      return send<TListing>(operation('POST /listings/with-photos'), form, key);
    },
    /** Makes a listing's photos exactly `order`: kept photo ids, and null where each new photo goes. */
    setPhotos: (id: number, order: (number | null)[], photos: PhotoUpload[]) => {
      const form = new FormData();
      form.append('order', JSON.stringify(order));
      for (const p of photos) form.append('photo', p.blob, p.filename);
      return send<TListing>(operation('PUT /listings/{id}/photos', { id }), form);
    },
  };
}
