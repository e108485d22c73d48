import { createRoute } from '@hono/zod-openapi';
import { deps, errors, json, newRouter, ZIdParam } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { ZDismissed, ZListingMatches, ZRequestMatches } from '../../shared/matching.schemas';
import * as service from './matching.service';

const tags = ['Matching'];

export const matchingRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}/matches',
      tags,
      summary: "Listings that could fill a request, best first (members of the request's hub)",
      description:
        'Each match has a score (0–100) and its reasons as codes with numbers (category closeness, distance, ' +
        'coverage, parts that fit, availability, condition, expiry), worded by the client. `bundle` fills the ' +
        'whole quantity from several listings, nearest first, with the total distance. Dismissed and stale ' +
        'matches are left out.',
      request: { params: ZIdParam },
      responses: { 200: json(ZRequestMatches, 'The matches'), ...errors(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.requestMatches(deps(c), { requestId: c.req.valid('param').id, user: requireUser(c) }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/requests/{id}/matches/my-hubs',
      tags,
      summary: "A request's matches among the listings of my hubs (any signed-in person)",
      description:
        'For a member of another hub: which of their hubs’ listings the request’s hub finds among its matches, ' +
        'best first, each as in the request’s matches (score, reasons, distance, whether the request’s hub ' +
        'already claimed it). No bundle. Empty for a member of the request’s own hub (matching never pairs a hub ' +
        'with itself).',
      request: { params: ZIdParam },
      responses: { 200: json(ZRequestMatches, 'The matches of my hubs’ listings'), ...errors(401, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.requestMatchesOfMyHubs(deps(c), {
          requestId: c.req.valid('param').id,
          user: requireUser(c),
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/listings/{id}/matches',
      tags,
      summary: 'Open requests of other hubs that this listing could fill',
      description:
        'Also gives the listing’s mass estimated from its dimensions and category density, with a range.',
      request: { params: ZIdParam },
      responses: { 200: json(ZListingMatches, 'The matches'), ...errors(404, 422) },
    }),
    async (c) => c.json(await service.listingMatches(deps(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/matches/{id}/dismiss',
      tags,
      summary: "Dismiss a match as not suitable, for good (members of the request's hub)",
      request: { params: ZIdParam },
      responses: { 200: json(ZDismissed, 'Dismissed'), ...errors(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.dismissMatch(deps(c), { matchId: c.req.valid('param').id, user: requireUser(c) }),
        200,
      ),
  );
