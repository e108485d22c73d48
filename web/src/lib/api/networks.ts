/**
 * API calls of networks (their hubs, coordinators and method), built on api.ts's envelope parser
 * so failures are the same ApiError with field errors as everywhere else.
 */
import type {
  TMethodPatch,
  TNetwork,
  TNetworkHub,
  TNetworkInput,
  TNetworkPatch,
  TNetworkSummary,
} from '$shared/networks.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

export function networksApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { json?: unknown } = {}) =>
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
    invitations: (hub: string) =>
      call<{ items: { slug: string; name: string }[] }>(
        operation('GET /hubs/{slug}/network-invitations', { slug: hub }),
      ),
  };
}
