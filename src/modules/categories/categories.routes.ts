import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { json, newRouter } from '../../http/openapi';
import { categoryTree } from '../../shared/taxonomy';

const ZCategoryNode = z
  .object({
    slug: z.string(),
    parent: z.string().nullable(),
    label: z.object({ nl: z.string(), fr: z.string(), en: z.string() }),
    densityKgM3: z.number().nullable().describe('Typical density, for estimating mass from dimensions'),
    ewc: z.string().nullable().describe('EU List of Waste code, where one fits'),
    get children(): z.ZodArray<typeof ZCategoryNode> {
      return z.array(ZCategoryNode);
    },
  })
  // A named component, so the tree refers to itself instead of unfolding forever.
  .meta({ id: 'CategoryNode' });

// The taxonomy is code, not data: it is built once per isolate.
const tree = categoryTree();

export const categoriesRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/categories',
    tags: ['Categories'],
    summary: 'The material taxonomy as a tree, with densities and EWC codes',
    responses: { 200: json(z.object({ items: z.array(ZCategoryNode) }), 'The taxonomy') },
  }),
  (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json({ items: tree }, 200);
  },
);
