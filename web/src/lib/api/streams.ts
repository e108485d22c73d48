/**
 * Recurring streams API calls, on api.ts's envelope parser. Creating a stream and subscribing
 * carry an Idempotency-Key made once per user action, so a double tap acts once.
 */
import type {
  TStreamDetail,
  TStreamInput,
  TStreamList,
  TStreamSupplyList,
  TSubscription,
} from '$shared/streams.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';

export function streamsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(method: string, path: string, o: { json?: unknown; key?: string } = {}) =>
    apiRequest<T>({
      fetchFn,
      locale: app.locale,
      messages: app.m.common,
      method,
      path,
      ...(o.json !== undefined ? { json: o.json } : {}),
      ...(o.key ? { headers: { 'Idempotency-Key': o.key } } : {}),
    });
  const enc = encodeURIComponent;

  return {
    create: (hub: string, input: TStreamInput, key: string) =>
      call<TStreamDetail>('POST', `/hubs/${enc(hub)}/streams`, { json: input, key }),
    ofHub: (hub: string) => call<TStreamList>('GET', `/hubs/${enc(hub)}/streams`),
    get: (id: number | string) => call<TStreamDetail>('GET', `/streams/${enc(String(id))}`),
    close: (id: number, status: 'ended' | 'withdrawn') =>
      call<TStreamDetail>('PATCH', `/streams/${id}`, { json: { status } }),
    subscribe: (id: number, hub: string, occurrences: number, key: string) =>
      call<TSubscription>('POST', `/streams/${id}/subscriptions`, { json: { hub, occurrences }, key }),
    cancel: (id: number, subscriptionId: number) =>
      call<TSubscription>('DELETE', `/streams/${id}/subscriptions/${subscriptionId}`),
    forRequest: (requestId: number) => call<TStreamSupplyList>('GET', `/requests/${requestId}/streams`),
  };
}
