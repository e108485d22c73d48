/**
 * API calls of networks and impact accounting, built on api.ts's envelope parser so failures are
 * the same ApiError with field errors as everywhere else.
 */
import type {
  TExchangeImpact,
  TFactorTable,
  TFlowList,
  THubImpact,
  TImpactReport,
  TMethodPatch,
  TNetwork,
  TNetworkHub,
  TNetworkInput,
  TNetworkPatch,
  TNetworkSummary,
  TRecalculation,
} from '$shared/impact.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

type Query = Record<string, string | number | undefined | null>;

/** The web page of a drill-down list, from the API path a figure carries. */
export function drillDownHref(apiPath: string): string {
  return apiPath.replace(/^\/api\/v1\/networks\//, '/networks/');
}

export function networksApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    list: () => call<{ items: TNetworkSummary[] }>(operation('GET /networks')),
    get: (slug: string) => call<TNetwork>(operation('GET /networks/{slug}', { slug })),
    create: (input: TNetworkInput) => call<TNetwork>(operation('POST /networks'), { json: input }),
    patch: (slug: string, patch: TNetworkPatch) =>
      call<TNetwork>(operation('PATCH /networks/{slug}', { slug }), { json: patch }),
    patchMethod: (slug: string, patch: TMethodPatch) =>
      call<TNetwork>(operation('PATCH /networks/{slug}/method', { slug }), { json: patch }),
    addHub: (slug: string, hub: string) =>
      call<TNetworkHub>(operation('PUT /networks/{slug}/hubs/{hub}', { slug, hub })),
    removeHub: (slug: string, hub: string) =>
      call<void>(operation('DELETE /networks/{slug}/hubs/{hub}', { slug, hub })),
    addCoordinator: (slug: string, email: string) =>
      call<TNetwork>(operation('POST /networks/{slug}/coordinators', { slug }), { json: { email } }),
    removeCoordinator: (slug: string, userId: number) =>
      call<void>(operation('DELETE /networks/{slug}/coordinators/{userId}', { slug, userId })),
    impact: (slug: string, query: { from?: string; to?: string; group_by?: string }) =>
      call<TImpactReport>(operation('GET /networks/{slug}/impact', { slug }), { query }),
    flows: (slug: string, query: Query) =>
      call<TFlowList>(operation('GET /networks/{slug}/flows', { slug }), { query }),
    recalculate: (slug: string, exchangeId: number) =>
      call<TRecalculation>(
        operation('POST /networks/{slug}/exchanges/{exchangeId}/recalculate', { slug, exchangeId }),
      ),
    hubImpact: (hub: string) => call<THubImpact>(operation('GET /hubs/{slug}/impact', { slug: hub })),
    exchangeImpact: (id: number) => call<TExchangeImpact>(operation('GET /exchanges/{id}/impact', { id })),
    factors: () => call<TFactorTable>(operation('GET /impact/factors')),
    invitations: (hub: string) =>
      call<{ items: { slug: string; name: string }[] }>(
        operation('GET /hubs/{slug}/network-invitations', { slug: hub }),
      ),
  };
}
