/** Questions about a listing before claiming (GET/POST /listings/{id}/questions). */
import type { TQuestionInput, TQuestionThreads } from '$shared/questions.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

export function questionsApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, o: { json?: unknown } = {}) =>
    apiRequest<T>({ fetchFn, locale: app.locale, messages: app.m.common, method, path, ...o });

  return {
    threads: (id: number) => call<TQuestionThreads>(operation('GET /listings/{id}/questions', { id })),
    post: (id: number, input: TQuestionInput) =>
      call<TQuestionThreads>(operation('POST /listings/{id}/questions', { id }), { json: input }),
  };
}
