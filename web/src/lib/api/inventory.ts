/**
 * API calls of moderation (reports, hiding) and bulk import / export of listings, built on
 * api.ts's envelope parser so failures are the same ApiError with field errors as everywhere.
 */
import type {
  THideableType,
  TImport,
  TImportInput,
  TImportList,
  TModerationState,
  TReport,
  TReportInput,
  TReportList,
} from '$shared/inventory.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { API_BASE, apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

type Query = Record<string, string | number | undefined | null>;

/** Where the CSV export of a hub's listings is downloaded (a plain link: the session cookie goes along). */
export const exportHref = (slug: string) =>
  `${API_BASE}${operation('GET /hubs/{slug}/listings.csv', { slug }).path}`;

export function inventoryApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    report: (input: TReportInput) => call<TReport>(operation('POST /reports'), { json: input }),
    reports: (network: string, status: 'open' | 'resolved' | 'all') =>
      call<TReportList>(operation('GET /networks/{slug}/reports', { slug: network }), { query: { status } }),
    hide: (itemType: THideableType, id: number, reason: string) =>
      call<TModerationState>(operation('POST /moderation/{itemType}/{id}/hide', { itemType, id }), {
        json: { reason },
      }),
    restore: (itemType: THideableType, id: number) =>
      call<TModerationState>(operation('POST /moderation/{itemType}/{id}/restore', { itemType, id }), {
        json: {},
      }),
    runImport: (hub: string, input: TImportInput) =>
      call<TImport>(operation('POST /hubs/{slug}/imports', { slug: hub }), { json: input }),
    imports: (hub: string) => call<TImportList>(operation('GET /hubs/{slug}/imports', { slug: hub })),
    getImport: (hub: string, id: number) =>
      call<TImport>(operation('GET /hubs/{slug}/imports/{id}', { slug: hub, id })),
  };
}
