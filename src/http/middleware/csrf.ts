import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { ApiError } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Unsafe methods must come from the app's own origin (or one configured in ALLOWED_ORIGINS). */
export const csrf = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE.has(c.req.method)) {
    const origin = c.req.header('origin');
    const allowed = new Set([
      new URL(c.req.url).origin,
      ...(c.env.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ]);
    if (!origin || !allowed.has(origin)) throw new ApiError('CSRF_FAILED');
  }
  await next();
});
