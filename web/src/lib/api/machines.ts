/**
 * Machine-time calls added with one-confirmation booking: asking a machine's hub for its training,
 * and the hub managers' list of such requests with their answer. On api.ts's envelope parser.
 */
import type { TTrainingRequest, TTrainingRequestList } from '$shared/machines.schemas';
import type { AppState } from '$lib/app-state.svelte';
import { apiRequest } from '$lib/api';
import { operation, type Operation } from './operation';

export function machinesApi(app: AppState, fetchFn: typeof fetch = fetch) {
  const call = <T>({ method, path }: Operation, json?: unknown) =>
    apiRequest<T>({
      fetchFn,
      locale: app.locale,
      messages: app.m.common,
      method,
      path,
      ...(json !== undefined ? { json } : {}),
    });

  return {
    requestTraining: (machineId: number, message = '') =>
      call<TTrainingRequest>(operation('POST /machines/{id}/training-requests', { id: machineId }), {
        message,
      }),
    trainingRequests: (slug: string) =>
      call<TTrainingRequestList>(operation('GET /hubs/{slug}/training-requests', { slug })),
    recordTrainingRequest: (slug: string, id: number, completedOn: string) =>
      call<TTrainingRequest>(operation('POST /hubs/{slug}/training-requests/{id}/record', { slug, id }), {
        completedOn,
      }),
    declineTrainingRequest: (slug: string, id: number) =>
      call<TTrainingRequest>(operation('POST /hubs/{slug}/training-requests/{id}/decline', { slug, id })),
  };
}
