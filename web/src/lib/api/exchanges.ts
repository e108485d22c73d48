/**
 * Exchanges API calls. Every POST carries an Idempotency-Key, made once per user action and
 * reused when that action is retried, so a double tap or a retry after a lost answer acts once.
 */
import type {
  TClaimInput,
  TDisputeInput,
  TExchangeDetail,
  TExchangePage,
  TFlowPage,
  THandoverInput,
  TMessageInput,
  TOutcomeInput,
  TRequestProgress,
  TTransitionInput,
} from '$shared/exchanges.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

type Query = Record<string, string | number | undefined | null>;

/** A fresh key for one user action. */
export const newIdempotencyKey = () => crypto.randomUUID();

export function exchangesApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(
    { method, path }: Operation,
    { key, ...o }: { query?: Query; json?: unknown; key?: string; form?: FormData } = {},
  ) =>
    apiRequest<T>({
      fetchFn,
      locale: app.locale,
      messages: app.m.common,
      method,
      path,
      ...o,
      ...(key ? { headers: { 'Idempotency-Key': key } } : {}),
    });

  const post = <T>(op: Operation, json: unknown, key: string) => call<T>(op, { json, key });

  return {
    list: (query: { role?: string; state?: string; cursor?: string }) =>
      call<TExchangePage>(operation('GET /exchanges'), { query }),
    get: (id: number | string) => call<TExchangeDetail>(operation('GET /exchanges/{id}', { id })),
    requestProgress: (requestId: number) =>
      call<TRequestProgress>(operation('GET /requests/{id}/progress', { id: requestId })),
    claim: (listingId: number, input: TClaimInput, key: string) =>
      post<TExchangeDetail>(operation('POST /listings/{id}/claims', { id: listingId }), input, key),
    move: (
      id: number,
      action: 'accept' | 'decline' | 'cancel' | 'confirm',
      input: TTransitionInput,
      key: string,
    ) => post<TExchangeDetail>(operation(`POST /exchanges/{id}/${action}`, { id }), input, key),
    handover: (id: number, input: THandoverInput, key: string) =>
      post<TExchangeDetail>(operation('POST /exchanges/{id}/handover', { id }), input, key),
    dispute: (id: number, input: TDisputeInput, key: string) =>
      post<TExchangeDetail>(operation('POST /exchanges/{id}/dispute', { id }), input, key),
    message: (id: number, input: TMessageInput, key: string) =>
      post<TExchangeDetail>(operation('POST /exchanges/{id}/messages', { id }), input, key),
    outcome: (id: number, input: TOutcomeInput, key: string) =>
      post<TExchangeDetail>(operation('POST /exchanges/{id}/outcome', { id }), input, key),
    outcomePhoto: (id: number, outcomeId: number, photo: Blob, filename: string) => {
      const form = new FormData();
      form.append('photo', photo, filename);
      return call<TExchangeDetail>(
        operation('POST /exchanges/{id}/outcomes/{outcomeId}/photo', { id, outcomeId }),
        {
          form,
        },
      );
    },
    flows: (query: Query) => call<TFlowPage>(operation('GET /flows'), { query }),
  };
}
