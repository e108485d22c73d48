import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, jsonBody, newRouter, ZIdParam } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { ZSavedSearch, ZSavedSearchInput, ZSavedSearchList } from '../../shared/saved-searches.schemas';
import * as service from './saved-searches.service';

const tags = ['Saved searches'];

export const savedSearchesRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/saved-searches',
      tags,
      summary: 'My saved searches',
      responses: { 200: json(ZSavedSearchList, 'My saved searches'), ...errors(401) },
    }),
    async (c) => c.json({ items: await service.listSavedSearches(deps(c), requireUser(c).id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/saved-searches',
      tags,
      summary: 'Save a search: be told when a listing that fits it appears',
      description:
        'E.g. acrylic at least 300 × 300 mm within 30 km of my hub: `{ "name": "…", "query": { "category": ' +
        '"acrylic", "minLengthMm": 300, "minWidthMm": 300, "hub": "my-hub", "radiusKm": 30 } }`. Sizes fit ' +
        'turned either way. At most 20 per person.',
      request: jsonBody(ZSavedSearchInput),
      responses: { 201: json(ZSavedSearch, 'The saved search'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) =>
      c.json(
        await service.createSavedSearch(deps(c), { userId: requireUser(c).id, input: c.req.valid('json') }),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/saved-searches/{id}',
      tags,
      summary: 'Delete one of my saved searches',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      await service.deleteSavedSearch(deps(c), { id: c.req.valid('param').id, userId: requireUser(c).id });
      return c.body(null, 204);
    },
  );
