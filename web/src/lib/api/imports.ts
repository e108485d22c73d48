/**
 * Imports API calls (bulk import of a hub's listings as CSV, and where the export is downloaded),
 * built on api.ts's envelope parser so failures are the same ApiError with field errors as everywhere.
 */
import type { TImport, TImportInput, TImportList } from '$shared/imports.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { API_BASE, apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

/** Where the CSV export of a hub's listings is downloaded (a plain link: the session cookie goes along). */
export const exportHref = (slug: string) =>
  `${API_BASE}${operation('GET /hubs/{slug}/listings.csv', { slug }).path}`;

export function importsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    runImport: (hub: string, input: TImportInput) =>
      call<TImport>(operation('POST /hubs/{slug}/imports', { slug: hub }), { json: input }),
    imports: (hub: string) => call<TImportList>(operation('GET /hubs/{slug}/imports', { slug: hub })),
    getImport: (hub: string, id: number) =>
      call<TImport>(operation('GET /hubs/{slug}/imports/{id}', { slug: hub, id })),
  };
}
