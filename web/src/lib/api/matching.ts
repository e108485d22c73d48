/**
 * API calls of matching, notifications and saved searches, built on api.ts's envelope parser so
 * failures are the same ApiError with field errors as everywhere else.
 */
import type {
  TMailboxItem,
  TNotificationPage,
  TNotificationPreference,
  TNotificationPreferenceInput,
  TSavedSearch,
  TSavedSearchInput,
  TListingMatches,
  TRequestMatches,
} from '$shared/matching.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { API_BASE, ApiError, parseError, toSearchParams } from '$lib/api';

type Query = Record<string, string | number | undefined | null>;

export function matchingApi(app: AppState, fetchFn: typeof fetch = fetch) {
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
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null; // not JSON (a proxy's error page): parseError falls back to a generic message
    }
    if (!res.ok) throw parseError(res.status, data, app.m.common.unknownError);
    return data as T;
  }

  return {
    requestMatches: (id: number) => call<TRequestMatches>('GET', `/requests/${id}/matches`),
    listingMatches: (id: number) => call<TListingMatches>('GET', `/listings/${id}/matches`),
    dismiss: (matchId: number) => call<{ id: number; state: string }>('POST', `/matches/${matchId}/dismiss`),
    notifications: (query: { unread?: 'true'; cursor?: number | null; limit?: number } = {}) =>
      call<TNotificationPage>('GET', '/notifications', { query }),
    markRead: (input: { ids: number[] } | { all: true }) =>
      call<{ unreadCount: number }>('POST', '/notifications/read', { json: input }),
    preferences: () => call<{ items: TNotificationPreference[] }>('GET', '/notifications/preferences'),
    setPreference: (input: TNotificationPreferenceInput) =>
      call<{ items: TNotificationPreference[] }>('PUT', '/notifications/preferences', { json: input }),
    savedSearches: () => call<{ items: TSavedSearch[] }>('GET', '/saved-searches'),
    createSavedSearch: (input: TSavedSearchInput) =>
      call<TSavedSearch>('POST', '/saved-searches', { json: input }),
    deleteSavedSearch: (id: number) => call<void>('DELETE', `/saved-searches/${id}`),
    mailbox: () => call<{ items: TMailboxItem[] }>('GET', '/dev/mailbox'),
  };
}
