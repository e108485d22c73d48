/**
 * Client-side validation with the API's own zod schemas, messages in the UI language.
 * zod's built-in messages come from its locales (per parse); the few messages written in
 * src/shared/schemas.ts are translated through `schemaMessages`.
 */
import type { z } from 'zod';
import { en, fr, nl } from 'zod/locales';
import type { TLocale } from '$shared/schemas';
import type { FieldErrors } from './api';
import { MESSAGES } from './i18n';

const ZOD_LOCALES = { nl, fr, en };

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Parse `data` with `schema`; on failure, the first message per field path ("" for the whole object). */
export function validate<S extends z.ZodType>(schema: S, data: unknown, locale: TLocale): Validation<z.output<S>> {
  const result = schema.safeParse(data, { error: ZOD_LOCALES[locale]().localeError });
  if (result.success) return { ok: true, data: result.data };
  const translations: Record<string, string> = MESSAGES[locale].schemaMessages;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in fields)) fields[path] = translations[issue.message] ?? issue.message;
  }
  return { ok: false, fields };
}
