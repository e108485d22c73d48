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
import { apiRequest } from '$lib/api';

type Query = Record<string, string | number | undefined | null>;

export function matchingApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>(method: string, path: string, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

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
