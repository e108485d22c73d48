/**
 * Saved searches API calls, built on api.ts's envelope parser so failures are the same ApiError
 * with field errors as everywhere else.
 */
import type { TSavedSearch, TSavedSearchInput } from '$shared/saved-searches.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

export function savedSearchesApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    savedSearches: () => call<{ items: TSavedSearch[] }>(operation('GET /saved-searches')),
    createSavedSearch: (input: TSavedSearchInput) =>
      call<TSavedSearch>(operation('POST /saved-searches'), { json: input }),
    deleteSavedSearch: (id: number) => call<void>(operation('DELETE /saved-searches/{id}', { id })),
  };
}
