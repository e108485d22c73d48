import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { deps, errors, json, jsonBody, newRouter, ZSlugParam, ZPathId } from '../../http/openapi';
import { requireUser } from '../../http/middleware/session';
import { ZMembership } from '../../shared/accounts.schemas';
import {
  ZHub,
  ZHubInput,
  ZHubListQuery,
  ZHubMap,
  ZHubMapQuery,
  ZHubPage,
  ZHubPatch,
  ZHubSummary,
  ZHubSummaryQuery,
  ZInvite,
  ZInviteInput,
  ZInvitePreview,
  ZJoinRequest,
  ZJoinRequestInput,
  ZJoinRequestList,
  ZMember,
} from '../../shared/hubs.schemas';
import * as service from './hubs.service';

const tags = ['Hubs'];
const ZMemberParam = ZSlugParam.extend({
  userId: ZPathId,
});
const ZJoinRequestParam = ZSlugParam.extend({ id: ZPathId });
const ZTokenParam = z.object({ token: z.string().min(1).max(100) });

export const hubsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs',
      tags,
      summary: 'Hubs by name, a page at a time, with their places and counts',
      description:
        'Pages of `limit` hubs (50 unless told, at most 100) by name whatever its case; `nextCursor` reads on. With `q`, only the hubs whose name or city hold the words (as `GET /hub-summaries?q=`). Every hub on a map, a view at a time: `GET /hub-map`.',
      request: { query: ZHubListQuery },
      responses: { 200: json(ZHubPage, 'A page of hubs'), ...errors(422) },
    }),
    async (c) =>
      c.json(
        await service.listHubs(deps(c), { query: c.req.valid('query'), viewerId: c.get('user')?.id ?? null }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hub-summaries',
      tags,
      summary: "Hubs' names, cities, kinds and places, without counts: every hub, or those found by words",
      description:
        "Hubs' summaries by name, without the counts and the viewer's role of `GET /hubs`. A picker finds hubs as a person types with `q` (each word the start of a word of the hub's name or city, its city's Dutch, French and English names included: `q=gand` finds a hub in Gent) and `limit` (100 unless told): the first `limit` by name of at most 50 hubs the words find (twice `limit` when more), so a word a thousand hubs hold reads no more than one fifty hold, and is typed further to find the others. `at=LAT,LON` gives the hubs at a point, `slug` one hub. With none of these, the first `limit` hubs by name; a map of every hub reads `GET /hub-map`.",
      request: { query: ZHubSummaryQuery },
      responses: {
        200: json(z.object({ items: z.array(ZHubSummary) }), 'The hubs asked for, by name'),
        ...errors(422),
      },
    }),
    async (c) => c.json({ items: await service.listHubSummaries(deps(c), c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hub-map',
      tags,
      summary: 'Every hub on a map, one view at a time: hubs one by one, or clusters where a view holds many',
      description:
        "The hubs in the view `bbox=SOUTH,WEST,NORTH,EAST` (a west above the east crosses the antimeridian). A view holding up to 200 hubs gives each of them (`hubs`, by name); a bigger one is divided into about `columns` cells across its wider side (10 unless told, 2 to 24): a cell of one hub gives that hub, a cell of more a cluster (`clusters`: how many, the centre of their places and the cell's box, to zoom into). Without `bbox`, the view is the box round every hub, and `network` says how many hubs there are and that box. Reads a row per cell or hub drawn, never every hub.",
      request: { query: ZHubMapQuery },
      responses: { 200: json(ZHubMap, 'The hubs and clusters of the view'), ...errors(422) },
    }),
    async (c) => c.json(await service.hubMap(deps(c), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}',
      tags,
      summary: 'One hub',
      request: { params: ZSlugParam },
      responses: { 200: json(ZHub, 'The hub'), ...errors(404) },
    }),
    async (c) =>
      c.json(await service.getHub(deps(c), c.req.valid('param').slug, c.get('user')?.id ?? null), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs',
      tags,
      summary: 'Create a hub; its creator becomes its manager',
      request: jsonBody(ZHubInput),
      responses: { 201: json(ZHub, 'The new hub'), ...errors(401, 403, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(await service.createHub(deps(c), { input: c.req.valid('json'), userId: user.id }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/hubs/{slug}',
      tags,
      summary: "Change a hub's profile (managers)",
      request: { params: ZSlugParam, ...jsonBody(ZHubPatch) },
      responses: { 200: json(ZHub, 'Updated'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      return c.json(
        await service.updateHub(deps(c), { slug, patch: c.req.valid('json'), userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/members',
      tags,
      summary: "A hub's members (managers)",
      request: { params: ZSlugParam },
      responses: { 200: json(z.object({ items: z.array(ZMember) }), 'Members'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const items = await service.listMembers(deps(c), { slug: c.req.valid('param').slug, userId: user.id });
      return c.json({ items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/hubs/{slug}/members/{userId}',
      tags,
      summary: 'Remove a member (managers), or leave a hub (oneself)',
      request: { params: ZMemberParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, userId } = c.req.valid('param');
      await service.removeMember(deps(c), { slug, targetUserId: userId, userId: user.id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/join-requests',
      tags,
      summary: 'Ask to join a hub, with a short message for its managers',
      request: { params: ZSlugParam, ...jsonBody(ZJoinRequestInput) },
      responses: { 201: json(ZJoinRequest, 'The pending request'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      const { message } = c.req.valid('json');
      return c.json(await service.askToJoin(deps(c), { slug, message, user }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/join-requests',
      tags,
      summary: "A hub's pending join requests (managers), or one's own requests to it",
      request: { params: ZSlugParam },
      responses: { 200: json(ZJoinRequestList, 'Join requests'), ...errors(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.listJoinRequests(deps(c), { slug: c.req.valid('param').slug, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/join-requests/{id}/accept',
      tags,
      summary: 'Accept a pending join request: the person becomes a member (managers)',
      request: { params: ZJoinRequestParam },
      responses: { 200: json(ZJoinRequest, 'The decided request'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, id } = c.req.valid('param');
      return c.json(
        await service.decideJoinRequest(deps(c), { slug, id, accept: true, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/join-requests/{id}/decline',
      tags,
      summary: 'Decline a pending join request (managers)',
      request: { params: ZJoinRequestParam },
      responses: { 200: json(ZJoinRequest, 'The decided request'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, id } = c.req.valid('param');
      return c.json(
        await service.decideJoinRequest(deps(c), { slug, id, accept: false, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/invites',
      tags,
      summary: 'Create a single-use invite link (managers)',
      request: { params: ZSlugParam, ...jsonBody(ZInviteInput) },
      responses: { 201: json(ZInvite, 'The invite; share its path'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      const { role } = c.req.valid('json');
      return c.json(await service.createInvite(deps(c), { slug, role, userId: user.id }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/invites/{token}',
      tags,
      summary: 'What an invite link admits to',
      request: { params: ZTokenParam },
      responses: { 200: json(ZInvitePreview, 'The invite'), ...errors(404) },
    }),
    async (c) => c.json(await service.previewInvite(deps(c), c.req.valid('param').token), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/invites/{token}/accept',
      tags,
      summary: 'Accept an invite and join the hub',
      request: { params: ZTokenParam },
      responses: { 200: json(ZMembership, 'The new membership'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.acceptInvite(deps(c), { token: c.req.valid('param').token, userId: user.id }),
        200,
      );
    },
  );
