import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env';
import { ApiError } from '../../http/errors';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, jsonBody, newRouter, ZSlugParam } from '../../http/openapi';
import {
  MAX_IMPORT_CSV_CHARS,
  ZImport,
  ZImportInput,
  ZImportList,
  ZImportParam,
} from '../../shared/imports.schemas';
import { ZErrorBody } from '../../shared/common.schemas';
import * as service from './imports.service';

const tags = ['Imports'];

// Refuse an oversized body before reading it: 2 MB of CSV, room for JSON escaping and the mapping.
const bodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (Number(c.req.header('content-length') ?? 0) > MAX_IMPORT_CSV_CHARS * 1.25 + 65_536)
    throw new ApiError('PAYLOAD_TOO_LARGE');
  await next();
};

export const importsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/hubs/{slug}/imports',
      tags,
      middleware: [bodyLimit] as const,
      summary: 'Import listings from CSV (the hub’s managers): dry run or commit',
      description:
        'CSV text (comma, semicolon or tab separated; at most 2 MB and 5,000 rows) with a header line; ' +
        '`mapping` names the column each listing field is read from (default: columns named like the fields, ' +
        'as in `listings.csv`). Every row is validated as `POST /listings` would; `errors` names the row and ' +
        'cell. A dry run creates nothing. A commit creates every valid row at once, or nothing when it fails, ' +
        'and remembers the mapping for the hub. The new listings are matched right after the response ' +
        '(and by the scheduled pass, for very large imports).',
      request: { params: ZSlugParam, ...jsonBody(ZImportInput) },
      responses: {
        200: json(ZImport, 'Dry run: what a commit would create, and every error'),
        201: json(ZImport, 'Committed: the listings exist'),
        ...errors(401, 403, 404, 413, 422),
        503: json(ZErrorBody, 'The import failed; nothing was created'),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const input = c.req.valid('json');
      const result = await service.runImport(deps(c), {
        slug: c.req.valid('param').slug,
        user,
        input,
        locale: c.get('locale'),
      });
      if (input.dryRun) return c.json(result, 200);
      return c.json(result, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/imports',
      tags,
      summary: 'Recent imports and the remembered column mapping (the hub’s managers)',
      request: { params: ZSlugParam },
      responses: { 200: json(ZImportList, 'Imports, newest first'), ...errors(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(
        await service.listImports(deps(c), { slug: c.req.valid('param').slug, user: requireUser(c) }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/imports/{id}',
      tags,
      summary: 'One import and its progress: rowsDone of rowsValid (the hub’s managers)',
      request: { params: ZImportParam },
      responses: { 200: json(ZImport, 'The import'), ...errors(401, 403, 404, 422) },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param');
      return c.json(await service.getImport(deps(c), { slug, id, user: requireUser(c) }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/listings.csv',
      tags,
      summary: 'The hub’s active listings as CSV, in the import format (members of the hub)',
      request: { params: ZSlugParam },
      responses: {
        200: { description: 'CSV, one listing per line', content: { 'text/csv': { schema: z.string() } } },
        ...errors(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const csv = await service.exportCsv(deps(c), { slug, user: requireUser(c) });
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug.replace(/[^a-z0-9-]/g, '')}-listings.csv"`,
        'Cache-Control': 'private, no-store',
      });
    },
  );
