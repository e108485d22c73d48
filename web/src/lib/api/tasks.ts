/** What waits for the signed-in person (GET /me/tasks). */
import type { TTaskList } from '$shared/tasks.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation } from './operation';

export function tasksApi(app: AppState, fetchFn: typeof fetch = fetch) {
  return {
    mine: () =>
      apiRequest<TTaskList>({
        fetchFn,
        locale: app.locale,
        messages: app.m.common,
        ...operation('GET /me/tasks'),
      }),
  };
}
