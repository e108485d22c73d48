import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, newRouter, ZIdParam } from '../../http/openapi';
import { ZRequestProgress } from '../../shared/exchanges.schemas';
import * as service from './request-progress.service';

export const requestProgressRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/requests/{id}/progress',
    tags: ['Requests'],
    summary: "A request's progress: claimed, accepted and received, and the exchanges (members of its hub)",
    description:
      'In the request’s own unit. `received` is what the ledger holds for the claims that name the request ' +
      '(reversals subtracted); at `received ≥ needed` an open request becomes `fulfilled` by itself, and its ' +
      'author can reopen it (PATCH status `open`).',
    request: { params: ZIdParam },
    responses: { 200: json(ZRequestProgress, 'The progress'), ...errors(401, 403, 404, 422) },
  }),
  async (c) =>
    c.json(
      await service.requestProgress(deps(c), { requestId: c.req.valid('param').id, user: requireUser(c) }),
      200,
    ),
);
