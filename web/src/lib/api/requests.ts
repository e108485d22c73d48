/** Requests API calls: search, read, create, edit, withdraw. */
import type { TRequest, TRequestInput, TRequestPatch } from '$shared/requests.schemas';
import type { TRequestPage } from '$shared/search.schemas';
import { operation, type Call } from './operation';
import type { RequestSearchQuery } from './search';

export function requestsApi(call: Call) {
  return {
    search: (query: RequestSearchQuery) => call<TRequestPage>(operation('GET /requests'), { query }),
    get: (id: number | string) => call<TRequest>(operation('GET /requests/{id}', { id })),
    create: (input: TRequestInput) => call<TRequest>(operation('POST /requests'), { json: input }),
    patch: (id: number, patch: TRequestPatch) =>
      call<TRequest>(operation('PATCH /requests/{id}', { id }), { json: patch }),
    withdraw: (id: number) => call<TRequest>(operation('DELETE /requests/{id}', { id })),
  };
}
