/** Trainings API calls: a hub's trainings, records, accepted equivalents, the maker passport. */
import type {
  TPassport,
  TTraining,
  TTrainingInput,
  TTrainingRecord,
  TTrainingRecordInput,
  TTrainingRequest,
  TTrainingRequestList,
} from '$shared/trainings.schemas';
import { operation, type Call } from './operation';

export function trainingsApi(call: Call) {
  return {
    list: (slug: string) => call<{ items: TTraining[] }>(operation('GET /hubs/{slug}/trainings', { slug })),
    create: (slug: string, input: TTrainingInput) =>
      call<TTraining>(operation('POST /hubs/{slug}/trainings', { slug }), { json: input }),
    record: (slug: string, trainingId: number, input: TTrainingRecordInput) =>
      call<TTrainingRecord>(
        operation('POST /hubs/{slug}/trainings/{trainingId}/records', { slug, trainingId }),
        {
          json: input,
        },
      ),
    accept: (slug: string, trainingId: number, acceptedId: number) =>
      call<TTraining>(
        operation('PUT /hubs/{slug}/trainings/{trainingId}/accepted/{acceptedId}', {
          slug,
          trainingId,
          acceptedId,
        }),
      ),
    passport: () => call<TPassport>(operation('GET /me/passport')),
    /** A hub's pending training requests, and the managers' answer to one. */
    requests: (slug: string) =>
      call<TTrainingRequestList>(operation('GET /hubs/{slug}/training-requests', { slug })),
    recordRequest: (slug: string, id: number, completedOn: string) =>
      call<TTrainingRequest>(operation('POST /hubs/{slug}/training-requests/{id}/record', { slug, id }), {
        json: { completedOn },
      }),
    declineRequest: (slug: string, id: number) =>
      call<TTrainingRequest>(operation('POST /hubs/{slug}/training-requests/{id}/decline', { slug, id })),
  };
}
