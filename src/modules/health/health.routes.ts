import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ApiError } from '../../http/errors';
import { errors, json, newRouter } from '../../http/openapi';

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['Health'],
    summary: 'Whether the API and its database answer',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Healthy'), 503: errors(422)[422]! },
  }),
  async (c) => {
    try {
      await c.env.DB.prepare('SELECT 1').first();
    } catch {
      throw new ApiError('UNAVAILABLE');
    }
    return c.json({ status: 'ok' as const }, 200);
  },
);
