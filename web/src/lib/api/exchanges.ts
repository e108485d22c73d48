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
  TTransitionInput,
} from '$shared/exchanges.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { API_BASE, ApiError, parseError, toSearchParams } from '$lib/api';

type Query = Record<string, string | number | undefined | null>;

/** A fresh key for one user action. */
export const newIdempotencyKey = () => crypto.randomUUID();

export function exchangesApi(app: AppState, fetchFn: typeof fetch = fetch) {
  async function call<T>(
    method: string,
    path: string,
    o: { query?: Query; json?: unknown; key?: string; form?: FormData } = {},
  ) {
    const qs = o.query ? toSearchParams(o.query).toString() : '';
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': app.locale };
    if (o.json !== undefined) headers['Content-Type'] = 'application/json';
    if (o.key) headers['Idempotency-Key'] = o.key;
    let res: Response;
    try {
      res = await fetchFn(`${API_BASE}${path}${qs ? `?${qs}` : ''}`, {
        method,
        headers,
        body: o.form ?? (o.json === undefined ? undefined : JSON.stringify(o.json)),
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

  const post = <T>(path: string, json: unknown, key: string) => call<T>('POST', path, { json, key });

  return {
    list: (query: { role?: string; state?: string; cursor?: string }) =>
      call<TExchangePage>('GET', '/exchanges', { query }),
    get: (id: number | string) =>
      call<TExchangeDetail>('GET', `/exchanges/${encodeURIComponent(String(id))}`),
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
