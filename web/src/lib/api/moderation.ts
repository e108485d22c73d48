/**
 * Moderation API calls (reports, hiding and restoring), built on api.ts's envelope parser so
 * failures are the same ApiError with field errors as everywhere.
 */
import type {
  THideableType,
  TModerationState,
  TReport,
  TReportInput,
  TReportList,
} from '$shared/moderation.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation, type Query } from './operation';

export function moderationApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { query?: Query; json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    report: (input: TReportInput) => call<TReport>(operation('POST /reports'), { json: input }),
    reports: (network: string, status: 'open' | 'resolved' | 'all') =>
      call<TReportList>(operation('GET /networks/{slug}/reports', { slug: network }), { query: { status } }),
    hide: (itemType: THideableType, id: number, reason: string) =>
      call<TModerationState>(operation('POST /moderation/{itemType}/{id}/hide', { itemType, id }), {
        json: { reason },
      }),
    restore: (itemType: THideableType, id: number) =>
      call<TModerationState>(operation('POST /moderation/{itemType}/{id}/restore', { itemType, id }), {
        json: {},
      }),
  };
}
