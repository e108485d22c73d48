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

type Query = Record<string, string | number | undefined | null>;

/** A fresh key for one user action. */
export const newIdempotencyKey = () => crypto.randomUUID();

export function exchangesApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(
    method: string,
    path: string,
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

  const post = <T>(path: string, json: unknown, key: string) => call<T>('POST', path, { json, key });

  return {
    list: (query: { role?: string; state?: string; cursor?: string }) =>
      call<TExchangePage>('GET', '/exchanges', { query }),
    get: (id: number | string) =>
      call<TExchangeDetail>('GET', `/exchanges/${encodeURIComponent(String(id))}`),
    requestProgress: (requestId: number) => call<TRequestProgress>('GET', `/requests/${requestId}/progress`),
    claim: (listingId: number, input: TClaimInput, key: string) =>
      post<TExchangeDetail>(`/listings/${listingId}/claims`, input, key),
    move: (
      id: number,
      action: 'accept' | 'decline' | 'cancel' | 'confirm',
      input: TTransitionInput,
      key: string,
    ) => post<TExchangeDetail>(`/exchanges/${id}/${action}`, input, key),
    handover: (id: number, input: THandoverInput, key: string) =>
      post<TExchangeDetail>(`/exchanges/${id}/handover`, input, key),
    dispute: (id: number, input: TDisputeInput, key: string) =>
      post<TExchangeDetail>(`/exchanges/${id}/dispute`, input, key),
    message: (id: number, input: TMessageInput, key: string) =>
      post<TExchangeDetail>(`/exchanges/${id}/messages`, input, key),
    outcome: (id: number, input: TOutcomeInput, key: string) =>
      post<TExchangeDetail>(`/exchanges/${id}/outcome`, input, key),
    outcomePhoto: (id: number, outcomeId: number, photo: Blob, filename: string) => {
      const form = new FormData();
      form.append('photo', photo, filename);
      return call<TExchangeDetail>('POST', `/exchanges/${id}/outcomes/${outcomeId}/photo`, { form });
    },
    flows: (query: Query) => call<TFlowPage>('GET', '/flows', { query }),
  };
}
