import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, jsonBody, newRouter, ZIdParam, ZSlugParam } from '../../http/openapi';
import {
  ZStreamDetail,
  ZStreamInput,
  ZStreamList,
  ZStreamPatch,
  ZStreamSupplyList,
  ZSubscribeInput,
  ZSubscription,
  ZSubscriptionParam,
} from '../../shared/streams.schemas';
import { runIdempotent } from '../exchanges/exchanges.idempotency';
import * as service from './streams.service';

const tags = ['Streams'];

const ZIdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Any unique string (1–200 visible characters): a retry with the same key and body has no second effect',
    ),
});

/** Runs a POST's use case once per Idempotency-Key and answers with the (first) response. */
async function once<T>(c: Context<AppEnv>, body: unknown, act: () => Promise<T>) {
  const user = requireUser(c);
  const result = await runIdempotent(
    deps(c),
    { userId: user.id, key: c.req.header('idempotency-key'), method: c.req.method, path: c.req.path, body },
    async () => ({ status: 201, body: await act() }),
  );
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return result.body;
}

export const streamsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/streams',
      tags,
      summary: 'Offer something that comes back: a recurring stream (members of the hub)',
      description:
        'A listing template with an expected quantity per occurrence, repeated every N weeks (on the start ' +
        'date’s weekday) or months (on a day of the month, clamped to the month’s last day), from a start date ' +
        'until an end date or for a number of occurrences (one of the two; at most 104 occurrences and two ' +
        'years). Dates are calendar dates in the hub’s time zone. Each occurrence is published as a listing ' +
        'on its date by the scheduler.',
      request: { params: ZSlugParam, headers: ZIdempotencyHeader, ...jsonBody(ZStreamInput) },
      responses: { 201: json(ZStreamDetail, 'The new stream'), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const slug = c.req.valid('param').slug;
      const body = await once(c, input, () =>
        service.createStream(deps(c), { slug, input, user: requireUser(c) }),
      );
      return c.json(body, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/streams',
      tags,
      summary: 'A hub’s streams with their occurrences and what was handed over per occurrence',
      request: { params: ZSlugParam },
      responses: { 200: json(ZStreamList, 'Active streams first'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(
        await service.listHubStreams(deps(c), { slug: c.req.valid('param').slug, user: c.get('user') }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/streams/{id}',
      tags,
      summary:
        'One stream: schedule, occurrences (upcoming, reserved, published, handed over) and subscriptions',
      description:
        'Who reserved an occurrence, its exchange and the subscriptions are shown to the members of the ' +
        'stream’s hub and of the subscribing hub only.',
      request: { params: ZIdParam },
      responses: { 200: json(ZStreamDetail, 'The stream'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(await service.getStream(deps(c), { id: c.req.valid('param').id, user: c.get('user') }), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/streams/{id}',
      tags,
      summary: 'End or withdraw a stream (its author or the hub’s managers)',
      description:
        'Both drop the occurrences still to come and free their reservations; published listings stay. A ' +
        'withdrawn stream is seen by its own hub only.',
      request: { params: ZIdParam, ...jsonBody(ZStreamPatch) },
      responses: { 200: json(ZStreamDetail, 'The stream'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        await service.updateStream(deps(c), {
          id: c.req.valid('param').id,
          patch: c.req.valid('json'),
          user: requireUser(c),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/streams/{id}/subscriptions',
      tags,
      summary: 'Subscribe one of your hubs and reserve the next occurrences',
      description:
        'Reserves the next `occurrences` occurrences that nobody holds and that are not published yet (fewer ' +
        'when fewer are free) and says which. An occurrence is never reserved twice; a hub has at most one ' +
        'active subscription per stream (a second is 409 `ALREADY_SUBSCRIBED`). When a reserved occurrence is ' +
        'published, the subscribing hub gets an exchange already accepted for its quantity.',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZSubscribeInput) },
      responses: {
        201: json(ZSubscription, 'The subscription and what it holds'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const streamId = c.req.valid('param').id;
      const body = await once(c, input, () =>
        service.subscribe(deps(c), { streamId, input, user: requireUser(c) }),
      );
      return c.json(body, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/streams/{id}/subscriptions/{subscriptionId}',
      tags,
      summary: 'Cancel a subscription (members of the subscribing hub): unpublished occurrences become free',
      request: { params: ZSubscriptionParam },
      responses: {
        200: json(ZSubscription, 'The cancelled subscription'),
        ...errors(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id, subscriptionId } = c.req.valid('param');
      return c.json(
        await service.cancelSubscription(deps(c), { streamId: id, subscriptionId, user: requireUser(c) }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}/streams',
      tags,
      summary: 'Expected supply: recurring streams that could fill a request (members of the request’s hub)',
      description:
        'Active streams of other hubs in the request’s category family within its fetch radius that still have ' +
        'a free occurrence, scored by the matching rules as a listing available from that occurrence, best first.',
      request: { params: ZIdParam },
      responses: { 200: json(ZStreamSupplyList, 'Streams, best first'), ...errors(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.requestStreams(deps(c), { requestId: c.req.valid('param').id, user: requireUser(c) }),
        200,
      ),
  );
