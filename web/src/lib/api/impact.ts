/**
 * API calls of impact accounting (a network's figures and flows, a hub's impact), built on api.ts's
 * envelope parser so failures are the same ApiError with field errors as everywhere else.
 */
import type {
  TExchangeImpact,
  TFactorTable,
  TFlowList,
  THubImpact,
  TImpactDashboard,
  TImpactReport,
  TRecalculation,
} from '$shared/impact.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { API_BASE, apiRequest } from '$lib/api';
import { operation, type Operation, type Query } from './operation';

/** The web page of a drill-down list, from the API path a figure carries. */
export function drillDownHref(apiPath: string): string {
  return apiPath.replace(/^\/api\/v1\/networks\//, '/networks/');
}

/** Where a network's CSV export is downloaded (a plain link: the session cookie goes along). */
export function networkExportHref(slug: string, query: URLSearchParams): string {
  const qs = query.toString();
  return `${API_BASE}${operation('GET /networks/{slug}/export.csv', { slug }).path}${qs ? `?${qs}` : ''}`;
}

/** Where a network's figures (JSON) are downloaded. */
export const networkJsonHref = (slug: string) =>
  `${API_BASE}${operation('GET /networks/{slug}/export.json', { slug }).path}`;

/** Where a network's open data (JSON) is downloaded. */
export const openDataHref = (slug: string) =>
  `${API_BASE}${operation('GET /networks/{slug}/open-data.json', { slug }).path}`;

export function impactApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    impact: (slug: string, query: { from?: string; to?: string; group_by?: string }) =>
      call<TImpactReport>(operation('GET /networks/{slug}/impact', { slug }), { query }),
    dashboard: (slug: string, query: { from?: string; to?: string }) =>
      call<TImpactDashboard>(operation('GET /networks/{slug}/impact/dashboard', { slug }), { query }),
    flows: (slug: string, query: Query) =>
      call<TFlowList>(operation('GET /networks/{slug}/flows', { slug }), { query }),
    recalculate: (slug: string, exchangeId: number) =>
      call<TRecalculation>(
        operation('POST /networks/{slug}/exchanges/{exchangeId}/recalculate', { slug, exchangeId }),
      ),
    hubImpact: (hub: string) => call<THubImpact>(operation('GET /hubs/{slug}/impact', { slug: hub })),
    exchangeImpact: (id: number) => call<TExchangeImpact>(operation('GET /exchanges/{id}/impact', { id })),
    factors: () => call<TFactorTable>(operation('GET /impact/factors')),
  };
}
