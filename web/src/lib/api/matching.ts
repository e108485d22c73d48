/**
 * Matching API calls (the matches of a request or a listing, dismissing one), built on api.ts's
 * envelope parser so failures are the same ApiError with field errors as everywhere else.
 */
import type { TListingMatches, TRequestMatches } from '$shared/matching.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

export function matchingApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path });

  return {
    requestMatches: (id: number) => call<TRequestMatches>(operation('GET /requests/{id}/matches', { id })),
    /** Another hub's request: its matches among the listings of my hubs. */
    requestMatchesOfMyHubs: (id: number) =>
      call<TRequestMatches>(operation('GET /requests/{id}/matches/my-hubs', { id })),
    listingMatches: (id: number) => call<TListingMatches>(operation('GET /listings/{id}/matches', { id })),
    dismiss: (matchId: number) =>
      call<{ id: number; state: string }>(operation('POST /matches/{id}/dismiss', { id: matchId })),
  };
}
