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
import { operation, type Operation } from './operation';

type Query = Record<string, string | number | undefined | null>;

export function matchingApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    requestMatches: (id: number) => call<TRequestMatches>(operation('GET /requests/{id}/matches', { id })),
    listingMatches: (id: number) => call<TListingMatches>(operation('GET /listings/{id}/matches', { id })),
    dismiss: (matchId: number) =>
      call<{ id: number; state: string }>(operation('POST /matches/{id}/dismiss', { id: matchId })),
    notifications: (query: { unread?: 'true'; cursor?: number | null; limit?: number } = {}) =>
      call<TNotificationPage>(operation('GET /notifications'), { query }),
    markRead: (input: { ids: number[] } | { all: true }) =>
      call<{ unreadCount: number }>(operation('POST /notifications/read'), { json: input }),
    preferences: () =>
      call<{ items: TNotificationPreference[] }>(operation('GET /notifications/preferences')),
    setPreference: (input: TNotificationPreferenceInput) =>
      call<{ items: TNotificationPreference[] }>(operation('PUT /notifications/preferences'), {
        json: input,
      }),
    savedSearches: () => call<{ items: TSavedSearch[] }>(operation('GET /saved-searches')),
    createSavedSearch: (input: TSavedSearchInput) =>
      call<TSavedSearch>(operation('POST /saved-searches'), { json: input }),
    deleteSavedSearch: (id: number) => call<void>(operation('DELETE /saved-searches/{id}', { id })),
    mailbox: () => call<{ items: TMailboxItem[] }>(operation('GET /dev/mailbox')),
  };
}
