import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../env';
import { mailEnv } from '../modules/notifications/notifications.sender';
import { ZErrorBody } from '../shared/common.schemas';
import { ZPathId } from '../shared/user-input';
import { validationHook } from './validate';

/** A module's router: OpenAPI-described routes whose validation failures use the one envelope. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request',
  401: 'Not signed in',
  403: 'Not allowed (or the request did not come from this origin)',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Validation failed; details.fields names each field',
  429: 'Too many attempts',
};

/** Error responses a route documents; every one has the same envelope. */
export function errors(...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, json(ZErrorBody, ERROR_DESCRIPTIONS[s] ?? 'Error')]),
  ) as Record<number, ReturnType<typeof json<typeof ZErrorBody>>>;
}

/** Every id in a path is read by this one schema: decimal digits only, so an id has no aliases. */
export { ZPathId };
export const ZIdParam = z.object({ id: ZPathId });
export const ZSlugParam = z.object({ slug: z.string().min(1).max(60) });

/** The dependencies of a use case, from the request's bindings. */
export function deps(c: Context<AppEnv>): Deps {
  return { db: c.env.DB, now: () => new Date() };
}

/** Use-case dependencies plus the site's own address, for links in emails. */
export function notifyDeps(c: Context<AppEnv>): Deps & { baseUrl: string } {
  return { ...deps(c), baseUrl: mailEnv(c.env).PUBLIC_URL ?? new URL(c.req.url).origin };
}
