import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { requireUser } from '../../http/middleware/session';
import { deps, errors, json, newRouter, ZSlugParam, ZPathId } from '../../http/openapi';
import {
  ZFactorTable,
  ZFlowList,
  ZFlowQuery,
  ZExchangeImpact,
  ZFlowRow,
  ZGroup,
  ZHubImpact,
  ZImpactDashboard,
  ZImpactQuery,
  ZImpactReport,
  ZImpactRow,
  ZOpenData,
  ZRecalculation,
} from '../../shared/impact.schemas';
import { LOCALES } from '../../shared/constants';
import { csvFormat } from './impact.csv';
import * as service from './impact.service';

const tags = ['Impact'];
const ZPeriod = ZImpactQuery.omit({ group_by: true });
const ZExportQuery = ZPeriod.extend({
  table: z.enum(service.EXPORT_TABLES).default('flows'),
  // The spreadsheet's language: nl and fr get semicolons and decimal commas, en commas and points.
  lang: z.enum(LOCALES).optional(),
});
const ZExchangeParam = ZSlugParam.extend({
  exchangeId: ZPathId,
});
const COORDINATORS_ONLY = ' Coordinators of the network only; anyone else gets 404.';

export const impactRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/impact/factors',
      tags,
      summary: 'Every version of every impact and transport factor, with source, year and licence',
      responses: { 200: json(ZFactorTable, 'Factors') },
    }),
    async (c) => c.json(await service.factorTable(deps(c)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/impact',
      tags,
      summary:
        'Totals for a period (kg diverted, kg CO2e gross / attributed / transport / net with a range, ' +
        'exchanges, hubs active, machine hours), optionally grouped by month, hub or category, and the ' +
        'hub → hub flows by family. Every figure names the drill-down list whose rows sum to it.' +
        COORDINATORS_ONLY,
      request: { params: ZSlugParam, query: ZImpactQuery },
      responses: { 200: json(ZImpactReport, 'The report'), ...errors(401, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.impactReport(deps(c), {
          slug: c.req.valid('param').slug,
          userId: user.id,
          query: c.req.valid('query'),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/impact/dashboard',
      tags,
      summary:
        "The dashboard's figures in one answer: the report for a period, its tables per month, per hub " +
        'and per category (one read of the kept totals, where three grouped reports would read them ' +
        'three times), and, when the period has both ends, the report of the period it is compared with: ' +
        'as many whole months just before it for whole months, else as many days just before it.' +
        COORDINATORS_ONLY,
      request: { params: ZSlugParam, query: ZPeriod },
      responses: { 200: json(ZImpactDashboard, 'The dashboard'), ...errors(401, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.impactDashboard(deps(c), {
          slug: c.req.valid('param').slug,
          userId: user.id,
          query: c.req.valid('query'),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/flows',
      tags,
      summary:
        'The drill-down: ledger rows and current impact rows matching the filters a figure links with.' +
        COORDINATORS_ONLY,
      request: { params: ZSlugParam, query: ZFlowQuery },
      responses: { 200: json(ZFlowList, 'Rows'), ...errors(401, 404, 422) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.flowList(deps(c), {
          slug: c.req.valid('param').slug,
          userId: user.id,
          filter: c.req.valid('query'),
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/export.csv',
      tags,
      summary:
        'One table as CSV (UTF-8 with a BOM): flows (the ledger), impacts, hubs, months, categories or ' +
        "factors. In the reader's language (`lang`, else their account's): nl and fr separate with " +
        'semicolons and write decimal commas, en commas and decimal points. The hubs, months and ' +
        'categories tables give kg and hours.' +
        COORDINATORS_ONLY,
      request: { params: ZSlugParam, query: ZExportQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV with a header line' },
        ...errors(401, 404, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug } = c.req.valid('param');
      const { table, lang, ...query } = c.req.valid('query');
      const format = csvFormat(lang ?? user.locale);
      const csv = await service.exportCsv(deps(c), { slug, userId: user.id, table, query, format });
      return c.body(csv, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${slug}-${table}.csv"`,
        'Cache-Control': 'private, no-store',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/export.json',
      tags,
      summary: 'The ledger, the impact rows and every table as one JSON document.' + COORDINATORS_ONLY,
      request: { params: ZSlugParam, query: ZPeriod },
      responses: {
        200: json(
          z.object({
            report: ZImpactReport,
            tables: z.object({ months: z.array(ZGroup), hubs: z.array(ZGroup), categories: z.array(ZGroup) }),
            flows: z.array(ZFlowRow),
            impacts: z.array(ZImpactRow),
            factors: ZFactorTable,
          }),
          'Everything',
        ),
        ...errors(401, 404, 422),
      },
    }),
    async (c) => {
      const user = requireUser(c);
      const body = await service.exportJson(deps(c), {
        slug: c.req.valid('param').slug,
        userId: user.id,
        query: c.req.valid('query'),
      });
      return c.json(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{slug}/open-data.json',
      tags,
      summary:
        'An export to publish: hubs, flows, impacts, method and factors, with no personal data.' +
        COORDINATORS_ONLY,
      request: { params: ZSlugParam },
      responses: { 200: json(ZOpenData, 'Open data'), ...errors(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.openData(deps(c), { slug: c.req.valid('param').slug, userId: user.id }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{slug}/exchanges/{exchangeId}/recalculate',
      tags,
      summary:
        "Recalculate one exchange's impact with the network's method and factors now recorded; kept as a " +
        'new revision that supersedes the previous one.' +
        COORDINATORS_ONLY,
      request: { params: ZExchangeParam },
      responses: { 201: json(ZRecalculation, 'The new impact row'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      const { slug, exchangeId } = c.req.valid('param');
      return c.json(await service.recalculate(deps(c), { slug, userId: user.id, exchangeId }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/exchanges/{id}/impact',
      tags,
      summary:
        "What one exchange saved (kg reused, kg CO2e gross, transport and net with its range) with Omloop's " +
        "default method, the one its hubs' pages count; `counted` is false until it completes. People of " +
        'either hub only; anyone else gets 404.',
      request: { params: z.object({ id: ZPathId }) },
      responses: { 200: json(ZExchangeImpact, 'What it saved'), ...errors(401, 404) },
    }),
    async (c) => {
      const user = requireUser(c);
      return c.json(
        await service.exchangeImpact(deps(c), { exchangeId: c.req.valid('param').id, user }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/hubs/{slug}/impact',
      tags,
      summary: "A hub's own totals with Omloop's default method (public; nothing about people)",
      request: { params: ZSlugParam },
      responses: { 200: json(ZHubImpact, 'Totals'), ...errors(404) },
    }),
    async (c) => c.json(await service.hubImpact(deps(c), c.req.valid('param').slug), 200),
  );
