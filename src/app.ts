import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { dispatchPendingEvents } from './events';
import { lastEventId } from './modules/events/events.service';
import { enqueueEvents } from './queue';
import { deps, notifyDeps } from './http/openapi';
import { firstPaintHtml, pageData, pageDataPaths, withPageData } from './http/page-data';
import { withPreview } from './http/page-preview';
import { pagePreview } from './modules/previews/previews.service';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { ApiError } from './http/errors';
import { benchMetrics } from './http/middleware/bench-metrics';
import { contractDocument, sessionFirst } from './http/contract';
import { csrf } from './http/middleware/csrf';
import { d1Session } from './http/middleware/d1-session';
import { requestId } from './http/middleware/request-id';
import { session } from './http/middleware/session';
import { API_CSP, withPageHeaders } from './http/security-headers';
import { validationHook } from './http/validate';
import { accountsRoutes } from './modules/accounts/accounts.routes';
import { categoriesRoutes } from './modules/categories/categories.routes';
import { healthRoutes } from './modules/health/health.routes';
import { hubsRoutes } from './modules/hubs/hubs.routes';
import { listingsRoutes } from './modules/listings/listings.routes';
import { requestsRoutes } from './modules/requests/requests.routes';
import { moderationRoutes } from './modules/moderation/moderation.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { networksRoutes } from './modules/networks/networks.routes';
import { impactRoutes } from './modules/impact/impact.routes';
import { matchingRoutes } from './modules/matching/matching.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { savedSearchesRoutes } from './modules/saved-searches/saved-searches.routes';
import { machinesRoutes } from './modules/machines/machines.routes';
import { trainingsRoutes } from './modules/trainings/trainings.routes';
import { exchangesRoutes } from './modules/exchanges/exchanges.routes';
import { streamsRoutes } from './modules/streams/streams.routes';
import { tasksRoutes } from './modules/tasks/tasks.routes';
import { requestProgressRoutes } from './modules/request-progress/request-progress.routes';
import { questionsRoutes } from './modules/questions/questions.routes';
import { ERRORS, errorMessage, type ErrorCode } from './shared/errors';
import type { TErrorBody } from './shared/common.schemas';
import { RULE_MESSAGES, ruleSentence, type RuleKey } from './shared/validation';

function envelope(c: Context<AppEnv>, code: ErrorCode, details?: ApiError['details']): TErrorBody {
  const locale = c.get('locale') ?? 'en';
  const message = errorMessage(code, locale);
  const fields = details?.fields?.map((f) => ({
    path: f.path,
    // Rules name their message by key; an empty message means "the error's own message".
    message:
      f.message in RULE_MESSAGES ? ruleSentence(f.message as RuleKey, f.path, locale) : f.message || message,
  }));
  return {
    error: {
      code,
      message,
      requestId: c.get('requestId') ?? 'unknown',
      ...(details ? { details: { ...details, ...(fields ? { fields } : {}) } } : {}),
    },
  };
}

// Errors Hono raises itself (not ApiErrors) get the general code for their status.
const GENERAL_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'MALFORMED_JSON',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  // A body of the wrong content type for a route (a photo's own checks throw UNSUPPORTED_MEDIA_TYPE).
  415: 'UNSUPPORTED_CONTENT_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/**
 * After a change succeeded, what it recorded in the event outbox goes on the events queue once the
 * answer is on its way (src/queue.ts); the scheduled pass takes what is left.
 */
const dispatchAfterResponse: MiddlewareHandler<AppEnv> = async (c, next) => {
  const reads = c.req.method === 'GET' || c.req.method === 'HEAD';
  const queue = c.env.EVENTS_QUEUE as Queue<{ eventId: number }> | undefined;
  // Where this request's own events will start (one indexed read), so it enqueues only those.
  const afterId = queue && !reads ? await lastEventId(deps(c)).catch(() => 0) : 0;
  await next();
  if (reads || c.res.status >= 400) return;
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    return; // No execution context (the app called bare): the scheduled pass dispatches.
  }
  // With a queue (deployed, `npm start`), the consumer does the work; without one, this request does.
  const work = queue ? enqueueEvents(notifyDeps(c), queue, afterId) : dispatchPendingEvents(notifyDeps(c));
  waitUntil(
    work.catch((err) => console.error(JSON.stringify({ events: 'dispatch failed', error: String(err) }))),
  );
};

/** The request's execution context, if it has one (a test calling app.request has none). */
function executionCtxOf(c: Context<AppEnv>): Context<AppEnv>['executionCtx'] | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/** The API: every module mounted under /api/v1, one error envelope, the OpenAPI document. */
export function createApp() {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', healthRoutes)
    .route('/', accountsRoutes)
    .route('/', categoriesRoutes)
    .route('/', hubsRoutes)
    .route('/', listingsRoutes)
    .route('/', requestsRoutes)
    .route('/', moderationRoutes)
    .route('/', importsRoutes)
    .route('/', networksRoutes)
    .route('/', impactRoutes)
    .route('/', matchingRoutes)
    .route('/', notificationsRoutes)
    .route('/', savedSearchesRoutes)
    .route('/', machinesRoutes)
    .route('/', trainingsRoutes)
    .route('/', exchangesRoutes)
    .route('/', streamsRoutes)
    .route('/', tasksRoutes)
    .route('/', requestProgressRoutes)
    .route('/', questionsRoutes);

  // Generated once per isolate, on first use; the server URL is made absolute for the caller's host.
  let contract: ReturnType<typeof contractDocument> | undefined;
  const guard = sessionFirst(api, '/api/v1');
  api.get('/openapi.json', (c) => {
    contract ??= contractDocument(api);
    const server = { url: new URL('/api/v1', c.req.url).href, description: 'This host' };
    return c.json({ ...contract, servers: [server, ...((contract.servers as unknown[]) ?? [])] });
  });

  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestId);
  // One D1 session per request: reads from a replica as new as the client's bookmark, writes from the primary.
  app.use('/api/*', d1Session);
  // Off unless BENCH_METRICS=1 (npm run bench only): D1 rows read and statements per request.
  app.use('/api/*', benchMetrics);
  app.use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  // Every API answer (photos too) is data, never a page: nothing in it may load or run.
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', API_CSP);
  });
  app.use('/api/*', session);
  app.use('/api/*', csrf);
  app.use('/api/*', dispatchAfterResponse);
  app.use('/api/v1/*', guard);
  app.route('/api/v1', api);

  // Pages a link may point at get a preview in the shell (Open Graph, Twitter card, JSON-LD), and
  // the answers their first load asks for (src/http/page-data.ts).
  for (const kind of ['listings', 'requests', 'hubs', 'streams'] as const)
    app.get(`/${kind}/:key`, async (c) => {
      // The page differs per person and per item: never a 304 for a shell the browser kept.
      const plain = new Request(c.req.raw);
      plain.headers.delete('if-none-match');
      plain.headers.delete('if-modified-since');
      const shell = await c.env.ASSETS.fetch(plain);
      const isPage = shell.ok && (shell.headers.get('content-type') ?? '').startsWith('text/html');
      if (!isPage) return withPageHeaders(shell);
      const url = new URL(c.req.url);
      const key = c.req.param('key');
      const paths = pageDataPaths(kind, key);
      const [preview, data] = await Promise.all([
        pagePreview(deps(c), { kind, key, origin: url.origin }),
        pageData(
          (r) => Promise.resolve(app.fetch(r, c.env, executionCtxOf(c))),
          url.origin,
          paths,
          c.req.raw.headers,
        ),
      ]);
      // The item's own path (listings and requests): its title and text painted before any script.
      const firstPaint = firstPaintHtml(data, paths[1], c.req.header('accept-language') ?? null);
      const page = withPageData(
        preview ? withPreview(shell, preview, url.origin + url.pathname) : shell,
        data,
        firstPaint,
      );
      return withPageHeaders(page);
    });

  app.notFound(async (c) => {
    if (!c.req.path.startsWith('/api/')) return withPageHeaders(await c.env.ASSETS.fetch(c.req.raw));
    return c.json(envelope(c, 'NOT_FOUND'), 404);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(envelope(c, err.code, err.details), ERRORS[err.code].status);
    }
    if (err instanceof HTTPException) {
      // Hono's own body parsing fails with 400 on malformed JSON.
      const code = GENERAL_CODES[err.status] ?? 'INTERNAL';
      return c.json(envelope(c, code), ERRORS[code].status);
    }
    console.error(
      JSON.stringify({ requestId: c.get('requestId'), error: String(err), stack: (err as Error).stack }),
    );
    return c.json(envelope(c, 'INTERNAL'), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
