import type { TLocale } from '$shared/schemas';
import { LOCALES } from '$shared/schemas';
import { en, type Messages } from './en';
import { fr } from './fr';
import { nl } from './nl';

export type { Messages };
export const MESSAGES: Record<TLocale, Messages> = { nl, fr, en };
export const DEFAULT_LOCALE: TLocale = 'nl';

/** The supported locale that best fits a language tag such as "fr-BE", or null. */
export function matchLocale(tag: string | null | undefined): TLocale | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as TLocale) : null;
}
