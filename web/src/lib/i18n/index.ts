import { LOCALES } from '$shared/constants';
import type { TLocale } from '$shared/common.schemas';
import type { Messages } from './en';

export type { Messages };
export const DEFAULT_LOCALE: TLocale = 'nl';

/** Each language's name in that language, for language pickers (no messages needed). */
export const LOCALE_NAMES: Record<TLocale, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

// One language's messages are a third of the first load when all three are bundled; each is
// fetched when first used instead (the service worker keeps them for offline use).
const LOADERS: Record<TLocale, () => Promise<Messages>> = {
  nl: () => import('./nl').then((m) => m.nl),
  fr: () => import('./fr').then((m) => m.fr),
  en: () => import('./en').then((m) => m.en),
};
const loaded: Partial<Record<TLocale, Messages>> = {};

/** A language's messages, fetched once. */
export async function loadMessages(locale: TLocale): Promise<Messages> {
  return (loaded[locale] ??= await LOADERS[locale]());
}

/** A language's messages that are already loaded (the app's current language always is). */
export function messagesOf(locale: TLocale): Messages {
  const m = loaded[locale];
  if (!m) throw new Error(`messages for ${locale} are not loaded`);
  return m;
}

/** The supported locale that best fits a language tag such as "fr-BE", or null. */
export function matchLocale(tag: string | null | undefined): TLocale | null {
  if (!tag) return null;
  const base = tag.toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as TLocale) : null;
}
