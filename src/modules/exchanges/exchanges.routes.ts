import { createRoute, type RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { deps, errors, json, jsonBody, newRouter, ZIdParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import {
  photoFromForm,
  photoImageResponse,
  photoResponse,
  photoUploadBody,
  PRIVATE_HOUR,
} from '../photos/photos.http';
import {
  ZClaimInput,
  ZDisputeInput,
  ZExchangeDetail,
  ZExchangeListQuery,
  ZExchangePage,
  ZFlow,
  ZFlowPage,
  ZFlowQuery,
  ZHandoverInput,
  ZMessageInput,
  ZOutcomeInput,
  ZTransitionInput,
} from '../../shared/exchanges.schemas';
import { runIdempotent } from './exchanges.idempotency';
import * as service from './exchanges.service';

const ZOutcomeParam = ZIdParam.extend({
  outcomeId: ZPathId,
});

const tags = ['Exchanges'];

const ZIdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      'Any unique string (1–200 visible characters): a retry with the same key and body has no second effect',
    ),
});

/** Runs a POST's use case once per Idempotency-Key and answers with the (first) response. */
async function once<T, S extends 200 | 201>(
  c: Context<AppEnv>,
  body: unknown,
  status: S,
  act: () => Promise<T>,
) {
  const user = requireUser(c);
  const result = await runIdempotent(
    deps(c),
    { userId: user.id, key: c.req.header('idempotency-key'), method: c.req.method, path: c.req.path, body },
    async () => ({ status, body: await act() }),
  );
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  // A replay carries the first response's status, which this route always answers with.
  return { body: result.body, status: result.status as S };
}

type MoveAction = 'accept' | 'decline' | 'cancel' | 'confirm';

const moveRoute = (action: MoveAction, summary: string) =>
  createRoute({
    method: 'post',
    path: `/exchanges/{id}/${action}`,
    tags,
    summary,
    request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZTransitionInput) },
    responses: {
      200: json(ZExchangeDetail, 'The exchange after the move'),
      ...errors(400, 401, 403, 404, 409, 422),
    },
  });

/** The one handler of the four plain moves: once per Idempotency-Key (matching follows the move's event). */
const moveHandler =
  (action: MoveAction): RouteHandler<ReturnType<typeof moveRoute>, AppEnv> =>
  async (c) => {
    const input = c.req.valid('json');
    const { id } = c.req.valid('param');
    const r = await once(c, input, 200, () =>
      service.transition(deps(c), { id, user: requireUser(c), action, input }),
    );
    return c.json(r.body, r.status);
  };

export const exchangesRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/listings/{id}/claims',
      tags,
      summary: 'Claim a quantity of a listing for one of your hubs',
      description:
        'Opens an exchange in state `claimed`; nothing is reserved until the listing’s hub accepts. ' +
        'Refused when the listing has less left than asked. Unanswered claims expire after 7 days.',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZClaimInput) },
      responses: { 201: json(ZExchangeDetail, 'The new exchange'), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const r = await once(c, input, 201, () =>
        service.claimListing(deps(c), { listingId: c.req.valid('param').id, input, user: requireUser(c) }),
      );
      return c.json(r.body, r.status);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exchanges',
      tags,
      summary: 'Exchanges of my hubs (incoming: claims on our listings; outgoing: our claims)',
      request: { query: ZExchangeListQuery },
      responses: { 200: json(ZExchangePage, 'A page of exchanges, newest first'), ...errors(401, 422) },
    }),
    async (c) =>
      c.json(
        await service.listExchanges(deps(c), { query: c.req.valid('query'), user: requireUser(c) }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}',
      tags,
      summary: 'One exchange with its timeline, messages, outcomes and flows (members of the two hubs)',
      request: { params: ZIdParam },
      responses: { 200: json(ZExchangeDetail, 'The exchange'), ...errors(401, 404, 422) },
    }),
    async (c) =>
      c.json(await service.getExchange(deps(c), { id: c.req.valid('param').id, user: requireUser(c) }), 200),
  )
  .openapi(
    moveRoute('accept', 'Accept a claim and reserve its quantity (members of the listing’s hub)'),
    moveHandler('accept'),
  )
  .openapi(
    moveRoute('decline', 'Decline a claim, also after accepting (members of the listing’s hub)'),
    moveHandler('decline'),
  )
  .openapi(
    moveRoute('cancel', 'Cancel a claim until handover (members of the claiming hub)'),
    moveHandler('cancel'),
  )
  .openapi(
    moveRoute('confirm', 'Confirm the recorded handover (the other hub): completes it'),
    moveHandler('confirm'),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/exchanges/{id}/handover',
      tags,
      summary: 'Record the handover: actual quantity, weighed mass, transport (either hub)',
      description: 'The other hub confirms or disputes within 3 days; after that the handover is final.',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZHandoverInput) },
      responses: {
        200: json(ZExchangeDetail, 'The exchange after the move'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const r = await once(c, input, 200, () =>
        service.recordHandover(deps(c), { id, user: requireUser(c), input }),
      );
      return c.json(r.body, r.status);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/exchanges/{id}/dispute',
      tags,
      summary: 'Dispute the recorded handover (the other hub), with a reason',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZDisputeInput) },
      responses: {
        200: json(ZExchangeDetail, 'The exchange after the move'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const r = await once(c, input, 200, () =>
        service.disputeHandover(deps(c), { id, user: requireUser(c), input }),
      );
      return c.json(r.body, r.status);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/exchanges/{id}/messages',
      tags,
      summary: 'Write in the exchange’s thread (members of the two hubs)',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZMessageInput) },
      responses: {
        201: json(ZExchangeDetail, 'The exchange with the new message'),
        ...errors(400, 401, 404, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const r = await once(c, input, 201, () =>
        service.postMessage(deps(c), { id, user: requireUser(c), input }),
      );
      return c.json(r.body, r.status);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/exchanges/{id}/outcome',
      tags,
      summary: 'Record what the material became (the receiving hub, once completed)',
      request: { params: ZIdParam, headers: ZIdempotencyHeader, ...jsonBody(ZOutcomeInput) },
      responses: {
        201: json(ZExchangeDetail, 'The exchange with the new outcome'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const r = await once(c, input, 201, () =>
        service.recordOutcome(deps(c), { id, user: requireUser(c), input }),
      );
      return c.json(r.body, r.status);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/exchanges/{id}/outcomes/{outcomeId}/photo',
      tags,
      summary: 'Add the photo of an outcome (its author; JPEG, PNG or WebP by content; at most 5 MB)',
      request: {
        params: ZOutcomeParam,
        body: photoUploadBody,
      },
      responses: {
        201: json(ZExchangeDetail, 'The exchange with the outcome’s photo'),
        ...errors(401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { id, outcomeId } = c.req.valid('param');
      const file = await photoFromForm(c);
      const exchange = await service.addOutcomePhoto(
        { ...deps(c), photos: c.env.PHOTOS },
        { id, outcomeId, user, file },
      );
      return c.json(exchange, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}/outcomes/{outcomeId}/photo',
      tags,
      summary: 'The photo of an outcome (members of the two hubs)',
      request: { params: ZOutcomeParam },
      responses: {
        200: photoImageResponse,
        ...errors(401, 404, 422),
      },
    }),
    async (c) => {
      const { id, outcomeId } = c.req.valid('param');
      const photo = await service.readOutcomePhoto(
        { ...deps(c), photos: c.env.PHOTOS },
        { id, outcomeId, user: requireUser(c) },
      );
      // Private: only the two hubs may see it.
      return photoResponse(c, photo, PRIVATE_HOUR);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/flows',
      tags: ['Flows'],
      summary: 'The ledger of completed exchanges involving my hubs',
      description:
        'Append-only: a correction is a reversing row (negative quantity and mass) with a reason. Filter by ' +
        '`hub`, `category` (with the categories below it) and completion dates `from`/`to` (inclusive).',
      request: { query: ZFlowQuery },
      responses: { 200: json(ZFlowPage, 'A page of ledger rows, newest first'), ...errors(401, 404, 422) },
    }),
    async (c) =>
      c.json(await service.listFlows(deps(c), { query: c.req.valid('query'), user: requireUser(c) }), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/flows/{id}/reversals',
      tags: ['Flows'],
      summary: 'Correct the ledger: add the reversing row of a flow, with a reason (managers of either hub)',
      request: {
        params: ZIdParam,
        headers: ZIdempotencyHeader,
        ...jsonBody(z.strictObject({ reason: z.string().trim().min(3).max(2000) })),
      },
      responses: { 201: json(ZFlow, 'The reversing row'), ...errors(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { id } = c.req.valid('param');
      const r = await once(c, input, 201, () =>
        service.reverseFlow(deps(c), { id, user: requireUser(c), reason: input.reason }),
      );
      return c.json(r.body, r.status);
    },
  );
