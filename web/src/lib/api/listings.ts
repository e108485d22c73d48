/** Listings API calls: search, read, create, edit, withdraw, photos. */
import type { TListing, TListingInput, TListingPatch } from '$shared/listings.schemas';
import type { TPhoto } from '$shared/photos.schemas';
import type { TListingPage } from '$shared/search.schemas';
import { operation, type Call } from './operation';
import type { ListingSearchQuery } from './search';

export function listingsApi(call: Call) {
  return {
    search: (query: ListingSearchQuery) => call<TListingPage>(operation('GET /listings'), { query }),
    get: (id: number | string) => call<TListing>(operation('GET /listings/{id}', { id })),
    create: (input: TListingInput) => call<TListing>(operation('POST /listings'), { json: input }),
    patch: (id: number, patch: TListingPatch) =>
      call<TListing>(operation('PATCH /listings/{id}', { id }), { json: patch }),
    withdraw: (id: number) => call<TListing>(operation('DELETE /listings/{id}', { id })),
    uploadPhoto: (id: number, photo: Blob, filename: string) => {
      const form = new FormData();
      form.append('photo', photo, filename);
      return call<TPhoto>(operation('POST /listings/{id}/photos', { id }), { form });
    },
    deletePhoto: (id: number, photoId: number) =>
      call<void>(operation('DELETE /listings/{id}/photos/{photoId}', { id, photoId })),
  };
}
