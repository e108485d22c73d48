import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter, ZIdParam } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { ZRequest, ZRequestInput, ZRequestPatch } from '../../shared/requests.schemas';
import { ZRequestPage, ZRequestSearch } from '../../shared/search.schemas';
import * as service from './requests.service';

const tags = ['Requests'];

export const requestsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests',
      tags,
      summary: 'Search open requests',
      description:
        'The same search as listings: `q`, `category`, `hub` or `not_hub` (e.g. the requests near my hub ' +
        'that other hubs ask), `near` + `radius_km`, `sort`, `cursor`; words no request holds are left ' +
        'out when others remain (`wordsLeftOut`), and a shape or packing no request holds with the material ' +
        'is left out so the material is found (`wordsApart`).',
      request: { query: ZRequestSearch },
      responses: { 200: json(ZRequestPage, 'A page of requests'), ...errors(400, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.searchRequests(deps(c), { query: c.req.valid('query'), user: c.get('user') }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/requests',
      tags,
      summary: 'Ask for something a hub needs (members of that hub)',
      request: jsonBody(ZRequestInput),
      responses: { 201: json(ZRequest, 'The new request'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const request = await service.createRequest(deps(c), {
        input: c.req.valid('json'),
        user: requireUser(c),
      });
      return c.json(request, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}',
      tags,
      summary: 'One request',
      request: { params: ZIdParam },
      responses: { 200: json(ZRequest, 'The request'), ...errors(404, 422) },
    }),
    async (c) =>
      c.json(await service.getRequest(deps(c), { id: c.req.valid('param').id, user: c.get('user') }), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/requests/{id}',
      tags,
      summary: "Edit a request, or mark it fulfilled (its author or the hub's managers)",
      request: { params: ZIdParam, ...jsonBody(ZRequestPatch) },
      responses: { 200: json(ZRequest, 'Updated'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const input = { id: c.req.valid('param').id, patch: c.req.valid('json'), user: requireUser(c) };
      const request = await service.updateRequest(deps(c), input);
      return c.json(request, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/requests/{id}',
      tags,
      summary: 'Withdraw a request: it leaves search but is kept',
      request: { params: ZIdParam },
      responses: { 200: json(ZRequest, 'The withdrawn request'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const request = await service.withdrawRequest(deps(c), {
        id: c.req.valid('param').id,
        user: requireUser(c),
      });
      return c.json(request, 200);
    },
  );
