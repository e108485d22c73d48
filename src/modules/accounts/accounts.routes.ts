import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { deps, errors, json, jsonBody, newRouter } from '../../http/openapi';
import { requireUser, SESSION_COOKIE } from '../../http/middleware/session';
import { ZLoginInput, ZMe, ZMePatch, ZSessionState, ZSignupInput } from '../../shared/accounts.schemas';
import * as service from './accounts.service';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function setSessionCookie(c: Context<AppEnv>, session: service.NewSession) {
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure: !LOCAL_HOSTS.has(new URL(c.req.url).hostname),
    sameSite: 'Lax',
    path: '/',
    expires: session.expiresAt,
  });
}

/** The client's address as Cloudflare saw it ('local' in tests and local dev). */
const clientAddress = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'local';

const tags = ['Accounts'];

export const accountsRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/signup',
      tags,
      summary: 'Create an account and sign in',
      description:
        'An email that already has an account gives 409; each such answer counts like a failed login ' +
        'from the address, so too many give 429 with Retry-After.',
      request: jsonBody(ZSignupInput),
      responses: { 201: json(ZMe, 'The new account, signed in'), ...errors(403, 409, 422, 429) },
    }),
    async (c) => {
      const { me, session } = await service.signup(deps(c), {
        input: c.req.valid('json'),
        ip: clientAddress(c),
      });
      setSessionCookie(c, session);
      return c.json(me, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags,
      summary: 'Sign in with email and password',
      description:
        'Failed attempts are counted per email and per address; too many give 429 with Retry-After.',
      request: jsonBody(ZLoginInput),
      responses: { 200: json(ZMe, 'Signed in'), ...errors(401, 403, 422, 429) },
    }),
    async (c) => {
      const { me, session } = await service.login(deps(c), {
        input: c.req.valid('json'),
        ip: clientAddress(c),
      });
      setSessionCookie(c, session);
      return c.json(me, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: 'Sign out (revokes this session)',
      responses: { 204: { description: 'Signed out' }, ...errors(403) },
    }),
    async (c) => {
      const hash = c.get('sessionHash');
      if (hash) await service.logout(deps(c), hash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/session',
      tags,
      summary: 'The signed-in person and their hubs, or null when signed out (never 401)',
      responses: { 200: json(ZSessionState, 'The session, if any') },
    }),
    async (c) => {
      const user = c.get('user');
      return c.json({ me: user ? await service.getMe(deps(c), user.id) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      summary: 'The signed-in person and their hubs',
      responses: { 200: json(ZMe, 'The signed-in person'), ...errors(401) },
    }),
    async (c) => c.json(await service.getMe(deps(c), requireUser(c).id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags,
      summary: 'Change display name or preferred language',
      request: jsonBody(ZMePatch),
      responses: { 200: json(ZMe, 'Updated'), ...errors(401, 403, 422) },
    }),
    async (c) => c.json(await service.updateMe(deps(c), requireUser(c).id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/me/sessions',
      tags,
      summary: 'Sign out everywhere (revokes every session of this person)',
      responses: { 204: { description: 'All sessions revoked' }, ...errors(401, 403) },
    }),
    async (c) => {
      await service.logoutEverywhere(deps(c), requireUser(c).id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
