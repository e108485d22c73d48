/**
 * Client-side validation with the API's own zod schemas, worded as the API words them
 * (src/shared/validation.ts): a sentence naming the field, in the UI language.
 */
import type { z } from 'zod';
import type { TLocale } from '$shared/common.schemas';
import { fieldErrors, RULE_MESSAGES, ruleSentence, type RuleKey } from '$shared/validation';
import type { FieldErrors } from './api';

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** A rule key from src/shared (e.g. "price_required") at a field, in the UI language; other text as is. */
export function ruleMessage(message: string, locale: TLocale, path = ''): string {
  return message in RULE_MESSAGES ? ruleSentence(message as RuleKey, path, locale) : message;
}

/** Parse `data` with `schema`; on failure, the first message per field path ("" for the whole object). */
export function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  locale: TLocale,
): Validation<z.output<S>> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, data: result.data };
  const fields: FieldErrors = {};
  for (const { path, message } of fieldErrors(result.error, data, locale)) fields[path] ??= message;
  return { ok: false, fields };
}

/** Form text to a number: '' is null (not given); "1,5" is 1.5; anything else non-numeric is NaN. */
export function toNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  return t === '' ? null : Number(t);
}
