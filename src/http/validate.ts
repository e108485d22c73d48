import type { Context } from 'hono';
import type { z } from 'zod';
import { fieldErrors } from '../shared/validation';
import type { AppEnv } from '../env';
import { validationError } from './errors';

// @hono/zod-validator passes the raw input as `data` on failure too; it words the messages.
type HookResult = { success: true; data: unknown } | { success: false; error: z.ZodError; data?: unknown };

/** The one validation hook of every route: a failure becomes a 422 naming each field. */
export function validationHook(result: HookResult, c: Context<AppEnv>): void {
  if (!result.success) throw validationError(fieldErrors(result.error, result.data, c.get('locale')));
}

/** Parse a value with a schema outside a route's own validators (merged edits, form parts). */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  c: Context<AppEnv>,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldErrors(result.error, value, c.get('locale')));
  return result.data;
}
