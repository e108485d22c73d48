import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';

/** Every request gets an id, echoed in a header and in every error body. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header('cf-ray');
  const id = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
});
