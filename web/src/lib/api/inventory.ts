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

type Query = Record<string, string | number | undefined | null>;

/** Where the CSV export of a hub's listings is downloaded (a plain link: the session cookie goes along). */
export const exportHref = (slug: string) => `${API_BASE}/hubs/${encodeURIComponent(slug)}/listings.csv`;

export function inventoryApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(method: string, path: string, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });
  const enc = encodeURIComponent;

  return {
    report: (input: TReportInput) => call<TReport>('POST', '/reports', { json: input }),
    reports: (network: string, status: 'open' | 'resolved' | 'all') =>
      call<TReportList>('GET', `/networks/${enc(network)}/reports`, { query: { status } }),
    hide: (itemType: THideableType, id: number, reason: string) =>
      call<TModerationState>('POST', `/moderation/${itemType}/${id}/hide`, { json: { reason } }),
    restore: (itemType: THideableType, id: number) =>
      call<TModerationState>('POST', `/moderation/${itemType}/${id}/restore`, { json: {} }),
    runImport: (hub: string, input: TImportInput) =>
      call<TImport>('POST', `/hubs/${enc(hub)}/imports`, { json: input }),
    imports: (hub: string) => call<TImportList>('GET', `/hubs/${enc(hub)}/imports`),
    getImport: (hub: string, id: number) => call<TImport>('GET', `/hubs/${enc(hub)}/imports/${id}`),
  };
}
