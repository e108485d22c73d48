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
import { API_BASE, ApiError, parseError, toSearchParams } from '$lib/api';

type Query = Record<string, string | number | undefined | null>;

/** Where the CSV export of a hub's listings is downloaded (a plain link: the session cookie goes along). */
export const exportHref = (slug: string) => `${API_BASE}/hubs/${encodeURIComponent(slug)}/listings.csv`;

export function inventoryApi(app: AppState, fetchFn: typeof fetch = fetch) {
  async function call<T>(
    method: string,
    path: string,
    o: { query?: Query; json?: unknown } = {},
  ): Promise<T> {
    const qs = o.query ? toSearchParams(o.query).toString() : '';
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': app.locale };
    if (o.json !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchFn(`${API_BASE}${path}${qs ? `?${qs}` : ''}`, {
        method,
        headers,
        body: o.json === undefined ? undefined : JSON.stringify(o.json),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError({ status: 0, code: 'NETWORK', message: app.m.common.networkError });
    }
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!res.ok) throw parseError(res.status, data, app.m.common.unknownError);
    return data as T;
  }
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
