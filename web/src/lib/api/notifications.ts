/**
 * Notifications API calls (the bell's list, marking read, preferences, the dev mailbox), built on
 * api.ts's envelope parser so failures are the same ApiError with field errors as everywhere else.
 */
import type {
  TMailboxItem,
  TNotificationPage,
  TNotificationPreference,
  TNotificationPreferenceInput,
} from '$shared/notifications.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation, type Query } from './operation';

export function notificationsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
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
    mailbox: () => call<{ items: TMailboxItem[] }>(operation('GET /dev/mailbox')),
  };
}
