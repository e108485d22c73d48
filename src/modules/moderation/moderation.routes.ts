import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, jsonBody, newRouter, notifyDeps, ZSlugParam } from '../../http/openapi';
import {
  ZHideInput,
  ZModerationParam,
  ZModerationState,
  ZReport,
  ZReportInput,
  ZReportList,
  ZReportQuery,
  ZRestoreInput,
} from '../../shared/moderation.schemas';
import * as service from './moderation.service';

const tags = ['Moderation'];

export const moderationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      tags,
      summary: 'Report a listing, request or exchange message to the coordinators (anyone signed in)',
      description:
        'One report per person per item. A message can be reported only by people of the exchange’s hubs.',
      request: jsonBody(ZReportInput),
      responses: { 201: json(ZReport, 'The report'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(await service.reportItem(deps(c), { user, input: c.req.valid('json') }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/reports',
      tags,
      summary: 'Reports about items of the network’s hubs (its coordinators only)',
      request: { params: ZSlugParam, query: ZReportQuery },
      responses: { 200: json(ZReportList, 'Reports, newest first'), ...errors(401, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const items = await service.listReports(deps(c), {
        slug: c.req.valid('param').slug,
        user,
        status: c.req.valid('query').status,
      });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/moderation/{itemType}/{id}/hide',
      tags,
      summary: 'Hide a listing or request (coordinators of a network with its hub)',
      description:
        'It leaves search and matching at once and is kept, with who hid it and why; its page answers 404 ' +
        'except to its author, its hub’s managers and the coordinators. The author is notified.',
      request: { params: ZModerationParam, ...jsonBody(ZHideInput) },
      responses: { 200: json(ZModerationState, 'Hidden'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { itemType, id } = c.req.valid('param');
      const state = await service.setHidden(notifyDeps(c), {
        itemType,
        id,
        user,
        hide: true,
        reason: c.req.valid('json').reason,
      });
      return c.json(state, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/moderation/{itemType}/{id}/restore',
      tags,
      summary: 'Restore a hidden listing or request (coordinators of a network with its hub)',
      request: { params: ZModerationParam, ...jsonBody(ZRestoreInput) },
      responses: { 200: json(ZModerationState, 'Visible again'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { itemType, id } = c.req.valid('param');
      const state = await service.setHidden(notifyDeps(c), {
        itemType,
        id,
        user,
        hide: false,
        reason: c.req.valid('json').reason,
      });
      return c.json(state, 200);
    },
  );
