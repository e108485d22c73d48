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
import { operation, type Operation } from './operation';

export function streamsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { json?: unknown; key?: string } = {}) =>
    apiRequest<T>({
      fetchFn,
      locale: app.locale,
      messages: app.m.common,
      method,
      path,
      ...(o.json !== undefined ? { json: o.json } : {}),
      ...(o.key ? { headers: { 'Idempotency-Key': o.key } } : {}),
    });

  return {
    create: (hub: string, input: TStreamInput, key: string) =>
      call<TStreamDetail>(operation('POST /hubs/{slug}/streams', { slug: hub }), { json: input, key }),
    ofHub: (hub: string) => call<TStreamList>(operation('GET /hubs/{slug}/streams', { slug: hub })),
    get: (id: number | string) => call<TStreamDetail>(operation('GET /streams/{id}', { id })),
    close: (id: number, status: 'ended' | 'withdrawn') =>
      call<TStreamDetail>(operation('PATCH /streams/{id}', { id }), { json: { status } }),
    subscribe: (id: number, hub: string, occurrences: number, key: string) =>
      call<TSubscription>(operation('POST /streams/{id}/subscriptions', { id }), {
        json: { hub, occurrences },
        key,
      }),
    cancel: (id: number, subscriptionId: number) =>
      call<TSubscription>(
        operation('DELETE /streams/{id}/subscriptions/{subscriptionId}', { id, subscriptionId }),
      ),
    forRequest: (requestId: number) =>
      call<TStreamSupplyList>(operation('GET /requests/{id}/streams', { id: requestId })),
  };
}
