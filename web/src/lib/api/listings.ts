/**
 * Listings API calls: search, read, create, edit, withdraw, photos. Publishing sends the listing
 * with its photos in one request (all of it is written, or nothing), with an Idempotency-Key made
 * once per form, so a retry after a lost answer (or a second tap) finds the listing instead of
 * making two; setting the photos of a listing is one request too.
 */
import type { TListing, TListingInput, TListingPatch } from '$shared/listings.schemas';
import type { TListingPage } from '$shared/search.schemas';
import { operation, type Call } from './operation';
import type { ListingSearchQuery } from './search';

/** A photo to send: its bytes and the file name the person chose (named back if it is refused). */
export type PhotoUpload = { blob: Blob; filename: string };

/** The multipart body of photos, in order, beside one JSON part. */
function photoForm(part: string, value: unknown, photos: PhotoUpload[]): FormData {
  const form = new FormData();
  form.append(part, JSON.stringify(value));
  for (const p of photos) form.append('photo', p.blob, p.filename);
  return form;
}

export function listingsApi(call: Call) {
  return {
    search: (query: ListingSearchQuery) => call<TListingPage>(operation('GET /listings'), { query }),
    get: (id: number | string) => call<TListing>(operation('GET /listings/{id}', { id })),
    create: (input: TListingInput) => call<TListing>(operation('POST /listings'), { json: input }),
    patch: (id: number, patch: TListingPatch) =>
      call<TListing>(operation('PATCH /listings/{id}', { id }), { json: patch }),
    withdraw: (id: number) => call<TListing>(operation('DELETE /listings/{id}', { id })),
    /** Publishes a listing with its photos, in order: the listing with all of them, or nothing. */
    publish: (input: TListingInput, photos: PhotoUpload[], key: string) =>
      call<TListing>(operation('POST /listings/with-photos'), {
        form: photoForm('listing', input, photos),
        headers: { 'Idempotency-Key': key },
      }),
    /**
     * Makes a listing's photos exactly `order` (kept photo ids, null where each new photo goes),
     * with an edit of its fields in the same batch: all of it, or nothing.
     */
    setPhotos: (id: number, order: (number | null)[], photos: PhotoUpload[], patch?: TListingPatch) => {
      const form = photoForm('order', order, photos);
      if (patch) form.append('listing', JSON.stringify(patch));
      return call<TListing>(operation('PUT /listings/{id}/photos', { id }), { form });
    },
  };
}
