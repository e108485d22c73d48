/**
 * API calls of networks and impact accounting, built on api.ts's envelope parser so failures are
 * the same ApiError with field errors as everywhere else.
 */
import type {
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

type Query = Record<string, string | number | undefined | null>;

/** The web page of a drill-down list, from the API path a figure carries. */
export function drillDownHref(apiPath: string): string {
  return apiPath.replace(/^\/api\/v1\/networks\//, '/networks/');
}

export function networksApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(method: string, path: string, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });
  const enc = encodeURIComponent;

  return {
    list: () => call<{ items: TNetworkSummary[] }>('GET', '/networks'),
    get: (slug: string) => call<TNetwork>('GET', `/networks/${enc(slug)}`),
    create: (input: TNetworkInput) => call<TNetwork>('POST', '/networks', { json: input }),
    patch: (slug: string, patch: TNetworkPatch) =>
      call<TNetwork>('PATCH', `/networks/${enc(slug)}`, { json: patch }),
    patchMethod: (slug: string, patch: TMethodPatch) =>
      call<TNetwork>('PATCH', `/networks/${enc(slug)}/method`, { json: patch }),
    addHub: (slug: string, hub: string) =>
      call<TNetworkHub>('PUT', `/networks/${enc(slug)}/hubs/${enc(hub)}`),
    removeHub: (slug: string, hub: string) => call<void>('DELETE', `/networks/${enc(slug)}/hubs/${enc(hub)}`),
    addCoordinator: (slug: string, email: string) =>
      call<TNetwork>('POST', `/networks/${enc(slug)}/coordinators`, { json: { email } }),
    removeCoordinator: (slug: string, userId: number) =>
      call<void>('DELETE', `/networks/${enc(slug)}/coordinators/${userId}`),
    impact: (slug: string, query: { from?: string; to?: string; group_by?: string }) =>
      call<TImpactReport>('GET', `/networks/${enc(slug)}/impact`, { query }),
    flows: (slug: string, query: Query) => call<TFlowList>('GET', `/networks/${enc(slug)}/flows`, { query }),
    recalculate: (slug: string, exchangeId: number) =>
      call<TRecalculation>('POST', `/networks/${enc(slug)}/exchanges/${exchangeId}/recalculate`),
    hubImpact: (hub: string) => call<THubImpact>('GET', `/hubs/${enc(hub)}/impact`),
    invitations: (hub: string) =>
      call<{ items: { slug: string; name: string }[] }>('GET', `/hubs/${enc(hub)}/network-invitations`),
  };
}
