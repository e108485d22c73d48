import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { findSessionUser } from '../../modules/accounts/accounts.service';
import { localeFromHeader } from '../locale';
import { ApiError } from '../errors';

export const SESSION_COOKIE = 'omloop_session';

/** Resolves the session cookie to a person, and the language to answer in. */
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const found = token ? await findSessionUser({ db: c.env.DB, now: () => new Date() }, token) : null;
  c.set('user', found?.user ?? null);
  c.set('sessionHash', found?.tokenHash ?? null);
  c.set('locale', localeFromHeader(c.req.header('accept-language')) ?? found?.user.locale ?? 'en');
  await next();
});

/** The signed-in person, or a 401. */
export function requireUser(c: { get(key: 'user'): AppEnv['Variables']['user'] }) {
  const user = c.get('user');
  if (!user) throw new ApiError('UNAUTHENTICATED');
  return user;
}
