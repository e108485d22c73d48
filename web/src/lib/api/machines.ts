/** Machines API calls: machines, their availability and photos, bookings. */
import type {
  TAvailability,
  TBooking,
  TCalendarToken,
  TMachine,
  TMachineInput,
  TMachinePatch,
} from '$shared/machines.schemas';
import type { TPhoto } from '$shared/photos.schemas';
import type { TTrainingRequest } from '$shared/trainings.schemas';
import { API_BASE } from '$lib/api';
import { operation, type Call } from './operation';

/** A machine's bookings as a calendar feed (iCalendar), for a calendar app to subscribe to. */
export const calendarFeedHref = (id: number) =>
  `${API_BASE}${operation('GET /machines/{id}/calendar.ics', { id }).path}`;

export function machinesApi(call: Call) {
  return {
    list: (query: { hub?: string; type?: string } = {}) =>
      call<{ items: TMachine[] }>(operation('GET /machines'), { query }),
    ofHub: (slug: string) => call<{ items: TMachine[] }>(operation('GET /hubs/{slug}/machines', { slug })),
    get: (id: number | string) => call<TMachine>(operation('GET /machines/{id}', { id })),
    create: (slug: string, input: TMachineInput) =>
      call<TMachine>(operation('POST /hubs/{slug}/machines', { slug }), { json: input }),
    patch: (id: number, patch: TMachinePatch) =>
      call<TMachine>(operation('PATCH /machines/{id}', { id }), { json: patch }),
    availability: (id: number, from: string, to: string) =>
      call<TAvailability>(operation('GET /machines/{id}/availability', { id }), { query: { from, to } }),
    book: (id: number, input: { startsAt: string; endsAt: string; note?: string }) =>
      call<TBooking>(operation('POST /machines/{id}/bookings', { id }), { json: input }),
    bookings: (id: number, from: string, to: string) =>
      call<{ items: TBooking[] }>(operation('GET /machines/{id}/bookings', { id }), {
        query: { from, to },
      }),
    uploadPhoto: (id: number, photo: Blob, filename: string) => {
      const form = new FormData();
      form.append('photo', photo, filename);
      return call<TPhoto>(operation('POST /machines/{id}/photos', { id }), { form });
    },
    deletePhoto: (id: number, photoId: number) =>
      call<void>(operation('DELETE /machines/{id}/photos/{photoId}', { id, photoId })),
    /** Ask the machine's hub for the training it requires. */
    requestTraining: (id: number, message = '') =>
      call<TTrainingRequest>(operation('POST /machines/{id}/training-requests', { id }), {
        json: { message },
      }),
  };
}

export function bookingsApi(call: Call) {
  return {
    mine: (scope: 'upcoming' | 'past' | 'all' = 'upcoming') =>
      call<{ items: TBooking[] }>(operation('GET /me/bookings'), { query: { scope } }),
    cancel: (id: number) => call<TBooking>(operation('DELETE /bookings/{id}', { id })),
    calendarToken: () => call<TCalendarToken>(operation('POST /me/calendar-token')),
  };
}
