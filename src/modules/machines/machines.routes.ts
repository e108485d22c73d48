import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { deps, errors, json, jsonBody, newRouter, ZIdParam, ZSlugParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import {
  photoFromForm,
  photoImageResponse,
  photoResponse,
  photoUploadBody,
  PUBLIC_IMMUTABLE,
} from '../photos/photos.http';
import { ZPhoto } from '../../shared/photos.schemas';
import {
  ZAvailability,
  ZAvailabilityQuery,
  ZBooking,
  ZBookingInput,
  ZBookingList,
  ZCalendarToken,
  ZMachine,
  ZMachineBookingsQuery,
  ZMachineInput,
  ZMachineList,
  ZMachinePatch,
  ZMachineSearch,
  ZMyBookingsQuery,
} from '../../shared/machines.schemas';
import { ZTrainingRequest, ZTrainingRequestInput } from '../../shared/trainings.schemas';
import * as service from './machines.service';

const ZMachinePhotoParam = ZIdParam.extend({
  photoId: ZPathId,
});
const tags = ['Machines'];
const ICAL = 'text/calendar; charset=utf-8';
const icalResponse = {
  description: 'An RFC 5545 calendar',
  content: { 'text/calendar': { schema: z.string() } },
};
// The feed's file name is its secret token with .ics, as calendar apps expect a file.
const ZFeedParam = z.object({
  file: z
    .string()
    .max(120)
    .regex(/^[A-Za-z0-9_-]{10,100}\.ics$/),
});

export const machinesRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines',
      tags,
      summary: 'Machines of every hub that can be booked (filter by hub and type)',
      request: { query: ZMachineSearch },
      responses: { 200: json(ZMachineList, 'Machines'), ...errors(404, 422) },
    }),
    async (c) => {
      const { hub, type } = c.req.valid('query');
      return c.json({ items: await service.listMachines(deps(c), { hub, type, user: c.get('user') }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/machines',
      tags,
      summary: "A hub's machines (its managers also see the inactive ones)",
      request: { params: ZSlugParam },
      responses: { 200: json(ZMachineList, 'Machines'), ...errors(404) },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      return c.json({ items: await service.listMachines(deps(c), { hub: slug, user: c.get('user') }) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/machines',
      tags,
      summary: 'Register a machine with its weekly opening windows, closures and booking rules (managers)',
      request: { params: ZSlugParam, ...jsonBody(ZMachineInput) },
      responses: { 201: json(ZMachine, 'The new machine'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const machine = await service.createMachine(deps(c), {
        slug: c.req.valid('param').slug,
        input: c.req.valid('json'),
        user,
      });
      return c.json(machine, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines/{id}',
      tags,
      summary: 'One machine, with its opening windows, closures and rules',
      request: { params: ZIdParam },
      responses: { 200: json(ZMachine, 'The machine'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(await service.getMachine(deps(c), { id: c.req.valid('param').id, user: c.get('user') }), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/machines/{id}',
      tags,
      summary: 'Change a machine (managers); `windows` and `closures`, when sent, replace the old ones',
      request: { params: ZIdParam, ...jsonBody(ZMachinePatch) },
      responses: { 200: json(ZMachine, 'Updated'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const machine = await service.updateMachine(deps(c), {
        id: c.req.valid('param').id,
        patch: c.req.valid('json'),
        user,
      });
      return c.json(machine, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/machines/{id}/photos',
      tags,
      summary: 'Add a photo of a machine (managers; JPEG, PNG or WebP by content; at most 5 MB; at most 8)',
      request: {
        params: ZIdParam,
        body: photoUploadBody,
      },
      responses: { 201: json(ZPhoto, 'The stored photo'), ...errors(401, 403, 404, 409, 413, 415, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      const file = await photoFromForm(c);
      return c.json(
        await service.addMachinePhoto({ ...deps(c), photos: c.env.PHOTOS }, { id, user, file }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/machines/{id}/photos/{photoId}',
      tags,
      summary: 'Remove a photo of a machine (managers)',
      request: { params: ZMachinePhotoParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id, photoId } = c.req.valid('param');
      await service.removeMachinePhoto(
        { ...deps(c), photos: c.env.PHOTOS },
        { id, photoId, user: requireUser(c) },
      );
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines/{id}/photos/{photoId}',
      tags,
      summary: 'A photo of a machine (immutable: cached for a year)',
      request: { params: ZMachinePhotoParam },
      responses: {
        200: photoImageResponse,
        ...errors(404, 422),
      },
    }),
    async (c) => {
      const photo = await service.readMachinePhoto(
        { ...deps(c), photos: c.env.PHOTOS },
        c.req.valid('param'),
      );
      return photoResponse(c, photo, PUBLIC_IMMUTABLE);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines/{id}/availability',
      tags,
      summary: 'Slots between `from` and `to` (default: the next 7 days; at most 35), free or not and why',
      description:
        'Slots come from the weekly windows in the hub’s time zone, across daylight-saving changes; times carry ' +
        'the hub’s offset. `from` and `to` are ISO 8601 instants with an offset.',
      request: { params: ZIdParam, query: ZAvailabilityQuery },
      responses: { 200: json(ZAvailability, 'Slots'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(
        await service.availability(deps(c), {
          id: c.req.valid('param').id,
          query: c.req.valid('query'),
          user: c.get('user'),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/machines/{id}/bookings',
      tags,
      summary: 'Book one or more consecutive slots (members of any hub, with the required training)',
      description:
        'Refused with the reason: BOOKING_IN_PAST, BOOKING_TOO_SOON, BOOKING_BEYOND_HORIZON, BOOKING_TOO_LONG, ' +
        'BOOKING_MACHINE_CLOSED, BOOKING_OUTSIDE_HOURS (422), TRAINING_REQUIRED (403), SLOT_TAKEN and ' +
        'MACHINE_INACTIVE (409). Overlap is refused by the database itself.',
      request: { params: ZIdParam, ...jsonBody(ZBookingInput) },
      responses: { 201: json(ZBooking, 'The booking'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.book(deps(c), { id: c.req.valid('param').id, input: c.req.valid('json'), user }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/machines/{id}/training-requests',
      tags,
      summary: "Ask the machine's hub for the training it requires (a person who lacks it)",
      description:
        'The hub’s managers are told (`training_requested`) and see a task until they record the training ' +
        'or decline. Refused with TRAINING_REQUEST_PENDING (409) while a request is pending, and ' +
        'TRAINING_REQUEST_NOT_NEEDED (409) when the person holds the training or the machine needs none.',
      request: { params: ZIdParam, ...jsonBody(ZTrainingRequestInput) },
      responses: { 201: json(ZTrainingRequest, 'The request'), ...errors(401, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { message } = c.req.valid('json');
      return c.json(
        await service.askForTraining(deps(c), { id: c.req.valid('param').id, message: message ?? '', user }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines/{id}/bookings',
      tags,
      summary: "The machine's bookings with who booked (managers of its hub)",
      request: { params: ZIdParam, query: ZMachineBookingsQuery },
      responses: { 200: json(ZBookingList, 'Bookings'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const items = await service.machineBookings(deps(c), {
        id: c.req.valid('param').id,
        query: c.req.valid('query'),
        user,
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/bookings/{id}',
      tags,
      summary:
        "Cancel a booking: the booker until the machine's cancel deadline, the hub's managers until it ends",
      request: { params: ZIdParam },
      responses: { 200: json(ZBooking, 'The cancelled booking'), ...errors(401, 404, 409, 422) },
    }),
    async (c) =>
      c.json(await service.cancel(deps(c), { id: c.req.valid('param').id, user: requireUser(c) }), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/bookings',
      tags,
      summary: 'My bookings: upcoming (default), past and cancelled, or all',
      request: { query: ZMyBookingsQuery },
      responses: { 200: json(ZBookingList, 'Bookings'), ...errors(401, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        { items: await service.myBookings(deps(c), { user, scope: c.req.valid('query').scope }) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/calendar-token',
      tags,
      summary: 'A new secret link to my bookings as a calendar feed; the previous link stops working',
      responses: { 201: json(ZCalendarToken, 'The feed link (shown once)'), ...errors(401) },
    }),
    async (c) => c.json(await service.newCalendarToken(deps(c), requireUser(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/machines/{id}/calendar.ics',
      tags,
      summary: "The machine's public calendar feed: when it is booked (no names)",
      request: { params: ZIdParam },
      responses: { 200: icalResponse, ...errors(404, 422) },
    }),
    async (c) => {
      const body = await service.machineCalendar(deps(c), c.req.valid('param').id);
      return c.body(body, 200, { 'Content-Type': ICAL, 'Cache-Control': 'private, max-age=300' });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/calendar/{file}',
      tags,
      summary:
        "A person's bookings as a calendar feed: /calendar/TOKEN.ics, the secret link from POST /me/calendar-token",
      request: { params: ZFeedParam },
      responses: { 200: icalResponse, ...errors(404, 422) },
    }),
    async (c) => {
      const body = await service.personalCalendar(
        deps(c),
        c.req.valid('param').file.slice(0, -'.ics'.length),
      );
      return c.body(body, 200, {
        'Content-Type': ICAL,
        'Cache-Control': 'private, no-store',
        'Referrer-Policy': 'no-referrer',
      });
    },
  );
