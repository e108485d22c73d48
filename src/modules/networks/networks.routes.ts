import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, jsonBody, newRouter, ZSlugParam, ZPathId } from '../../http/openapi';
import {
  ZCoordinatorInput,
  ZMethodPatch,
  ZNetwork,
  ZNetworkHub,
  ZNetworkInput,
  ZNetworkPatch,
  ZNetworkSummary,
} from '../../shared/networks.schemas';
import * as service from './networks.service';

const tags = ['Networks'];
const ZHubParam = ZSlugParam.extend({ hub: z.string().min(1).max(60) });
const ZCoordinatorParam = ZSlugParam.extend({
  userId: ZPathId,
});

export const networksRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks',
      tags,
      summary: 'Every network of hubs, marking those the caller coordinates',
      responses: { 200: json(z.object({ items: z.array(ZNetworkSummary) }), 'Networks') },
    }),
    async (c) => c.json({ items: await service.listNetworks(deps(c), c.get('user')?.id ?? null) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks',
      tags,
      summary: 'Create a network; its creator becomes its coordinator',
      request: jsonBody(ZNetworkInput),
      responses: { 201: json(ZNetwork, 'The new network'), ...errors(401, 403, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.createNetwork(deps(c), { input: c.req.valid('json'), userId: user.id }),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}',
      tags,
      summary: 'One network: its hubs and method (coordinators also see invitations and each other)',
      request: { params: ZSlugParam },
      responses: { 200: json(ZNetwork, 'The network'), ...errors(404) },
    }),
    async (c) =>
      c.json(await service.getNetwork(deps(c), c.req.valid('param').slug, c.get('user')?.id ?? null), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/networks/{slug}',
      tags,
      summary: "Change a network's name or description (coordinators)",
      request: { params: ZSlugParam, ...jsonBody(ZNetworkPatch) },
      responses: { 200: json(ZNetwork, 'Updated'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      return c.json(
        await service.updateNetwork(deps(c), { slug, patch: c.req.valid('json'), userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/networks/{slug}/method',
      tags,
      summary:
        "Change the network's method (coordinators); applies to exchanges computed from now on — " +
        'past figures change only by an explicit recalculation',
      request: { params: ZSlugParam, ...jsonBody(ZMethodPatch) },
      responses: { 200: json(ZNetwork, 'Updated'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      return c.json(
        await service.updateMethod(deps(c), { slug, patch: c.req.valid('json'), userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{slug}/hubs/{hub}',
      tags,
      summary: 'Add a hub (coordinators; invited until a manager of the hub accepts by making the same call)',
      request: { params: ZHubParam },
      responses: { 200: json(ZNetworkHub, 'The hub and its status'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, hub } = c.req.valid('param');
      return c.json(await service.addHub(deps(c), { slug, hubSlug: hub, userId: user.id }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{slug}/hubs/{hub}',
      tags,
      summary: 'Remove a hub (coordinators), or leave the network (a manager of the hub)',
      request: { params: ZHubParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, hub } = c.req.valid('param');
      await service.removeHub(deps(c), { slug, hubSlug: hub, userId: user.id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{slug}/coordinators',
      tags,
      summary: 'Appoint a coordinator by email (coordinators)',
      request: { params: ZSlugParam, ...jsonBody(ZCoordinatorInput) },
      responses: { 200: json(ZNetwork, 'The network'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      const { email } = c.req.valid('json');
      return c.json(await service.addCoordinator(deps(c), { slug, email, userId: user.id }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{slug}/coordinators/{userId}',
      tags,
      summary: 'Remove a coordinator, oneself included, but never the last (coordinators)',
      request: { params: ZCoordinatorParam },
      responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, userId } = c.req.valid('param');
      await service.removeCoordinator(deps(c), { slug, targetUserId: userId, userId: user.id });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/network-invitations',
      tags,
      summary: 'Networks inviting this hub (its managers; empty for anyone else)',
      request: { params: ZSlugParam },
      responses: {
        200: json(
          z.object({ items: z.array(z.object({ slug: z.string(), name: z.string() })) }),
          'Invitations',
        ),
        ...errors(401, 404),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const items = await service.pendingInvitations(deps(c), {
        hubSlug: c.req.valid('param').slug,
        userId: user.id,
      });
      return c.json({ items }, 200);
    },
  );
