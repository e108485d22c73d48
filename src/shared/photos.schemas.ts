/**
 * The photos contract: a stored photo as answered (listings, machines, exchange outcomes); what a
 * photo may be (size, count, kind), stated once for the API and the forms; and the sentence naming
 * a photo that was refused ("Photo 2 (“notes.txt”): not a JPEG, PNG or WebP image").
 */
import { z } from 'zod';
import type { Locale } from './taxonomy';

export const ZPhoto = z.object({
  id: z.number().int(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
});
export type TPhoto = z.infer<typeof ZPhoto>;

/** The largest photo kept. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Photos a listing or a machine may have. */
export const MAX_PHOTOS = 8;
/** Photos an exchange outcome may have. */
export const MAX_OUTCOME_PHOTOS = 1;
/** The image types kept, recognised by their bytes (the name and declared type are not trusted). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Why a photo was refused. */
export type PhotoRefusal = 'type' | 'size' | 'count';

const REASONS: Record<PhotoRefusal, Record<Locale, string>> = {
  type: {
    nl: 'geen JPEG-, PNG- of WebP-afbeelding',
    fr: 'pas une image JPEG, PNG ou WebP',
    en: 'not a JPEG, PNG or WebP image',
  },
  size: { nl: 'groter dan 5 MB', fr: 'plus de 5 Mo', en: 'larger than 5 MB' },
  count: {
    nl: `een aanbod heeft hoogstens ${MAX_PHOTOS} foto’s`,
    fr: `une offre a au plus ${MAX_PHOTOS} photos`,
    en: `a listing has at most ${MAX_PHOTOS} photos`,
  },
};

const PHOTO_WORD: Record<Locale, string> = { nl: 'Foto', fr: 'Photo', en: 'Photo' };

/**
 * The sentence naming a refused photo by its place in the form (1-based) and its file name.
 * The name is shown as text, never as markup.
 */
export function photoRefusalSentence(
  o: { position: number; name: string; reason: PhotoRefusal },
  locale: Locale,
): string {
  const name = o.name.trim() ? ` (“${o.name.slice(0, 80)}”)` : '';
  return `${PHOTO_WORD[locale]} ${o.position}${name}${locale === 'fr' ? ' : ' : ': '}${REASONS[o.reason][locale]}`;
}
