/**
 * Validation messages in the reader's language. Schemas name their own rules by a key of
 * RULE_MESSAGES; every other issue is worded by zod's own nl / fr / en locale.
 */
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import nl from 'zod/v4/locales/nl.js';
import type { Locale } from './taxonomy';

export const RULE_MESSAGES = {
  at_most_3_decimals: {
    nl: 'Hoogstens drie cijfers na de komma',
    fr: 'Trois décimales au maximum',
    en: 'At most three decimals',
  },
  nothing_to_change: { nl: 'Niets om te wijzigen', fr: 'Rien à modifier', en: 'Nothing to change' },
  slug_format: {
    nl: 'Kleine letters, cijfers en enkele koppeltekens',
    fr: 'Minuscules, chiffres et tirets simples',
    en: 'Lowercase letters, digits and single hyphens',
  },
  country_format: {
    nl: 'Landcode van twee letters, bv. BE',
    fr: 'Code pays à deux lettres, p. ex. BE',
    en: 'Two-letter country code, e.g. BE',
  },
  price_required: {
    nl: 'Geef een prijs op bij het prijstype ‘bedrag’',
    fr: 'Indiquez un prix pour le type de prix « montant »',
    en: 'A price is required when the price type is amount',
  },
  price_only_for_amount: {
    nl: 'Alleen een aanbod met prijstype ‘bedrag’ heeft een prijs',
    fr: 'Seule une offre avec le type « montant » a un prix',
    en: 'Only a listing with a price type of amount has a price',
  },
  machine_time_hours: {
    nl: 'Machinetijd wordt in uren aangeboden',
    fr: 'Le temps machine s’offre en heures',
    en: 'Machine time is offered in hours',
  },
  until_after_from: {
    nl: 'Moet op of na de begindatum liggen',
    fr: 'Doit être le jour de début ou après',
    en: 'Must be on or after the available-from date',
  },
  near_format: {
    nl: 'Verwacht BREEDTE,LENGTE, bv. 51.05,3.72',
    fr: 'Attendu LAT,LON, p. ex. 51.05,3.72',
    en: 'Expected LAT,LON, e.g. 51.05,3.72',
  },
  near_range: {
    nl: 'Breedte- of lengtegraad buiten bereik',
    fr: 'Latitude ou longitude hors limites',
    en: 'Latitude or longitude out of range',
  },
  radius_needs_near: {
    nl: 'Een straal heeft een punt nodig: near=BREEDTE,LENGTE',
    fr: 'Un rayon demande un point : near=LAT,LON',
    en: 'A radius needs a point: near=LAT,LON',
  },
  fits_format: {
    nl: 'Verwacht LENGTExBREEDTE of LENGTExBREEDTExDIKTE in mm, bv. 600x400x18',
    fr: 'Attendu LONGUEURxLARGEUR ou LONGUEURxLARGEURxÉPAISSEUR en mm, p. ex. 600x400x18',
    en: 'Expected LENGTHxWIDTH or LENGTHxWIDTHxTHICKNESS in mm, e.g. 600x400x18',
  },
  nearest_needs_near: {
    nl: 'Sorteren op afstand heeft near=BREEDTE,LENGTE nodig',
    fr: 'Trier par distance demande near=LAT,LON',
    en: 'Sorting by distance needs near=LAT,LON',
  },
  relevance_needs_q: {
    nl: 'Sorteren op relevantie heeft een zoektekst nodig',
    fr: 'Trier par pertinence demande un texte de recherche',
    en: 'Sorting by relevance needs a search text',
  },
  stream_end_required: {
    nl: 'Een reeks moet eindigen: geef een einddatum of een aantal keer',
    fr: 'Une série doit se terminer : indiquez une date de fin ou un nombre de fois',
    en: 'A stream must end: give an end date or a number of occurrences',
  },
  stream_end_one: {
    nl: 'Geef een einddatum of een aantal keer, niet allebei',
    fr: 'Indiquez une date de fin ou un nombre de fois, pas les deux',
    en: 'Give an end date or a number of occurrences, not both',
  },
  day_of_month_monthly: {
    nl: 'Een dag van de maand geldt alleen voor een maandelijkse reeks',
    fr: 'Un jour du mois ne vaut que pour une série mensuelle',
    en: 'A day of the month applies only to a monthly stream',
  },
  end_after_start: {
    nl: 'Moet op of na de startdatum liggen',
    fr: 'Doit être le jour de début ou après',
    en: 'Must be on or after the start date',
  },
  stream_too_long: {
    nl: 'Een reeks loopt hoogstens twee jaar en 104 keer',
    fr: 'Une série dure au plus deux ans et 104 fois',
    en: 'A stream runs at most two years and 104 occurrences',
  },
  start_within_year: {
    nl: 'De startdatum ligt hoogstens een jaar vooruit',
    fr: 'La date de début est au plus dans un an',
    en: 'The start date is at most a year ahead',
  },
  start_in_past: {
    nl: 'De startdatum mag niet in het verleden liggen',
    fr: 'La date de début ne peut pas être passée',
    en: 'The start date cannot be in the past',
  },
  http_url: {
    nl: 'Een webadres dat begint met http:// of https://, bv. https://voorbeeld.be',
    fr: 'Une adresse web commençant par http:// ou https://, p. ex. https://exemple.be',
    en: 'A web address starting with http:// or https://, e.g. https://example.org',
  },
  path_id: {
    nl: 'Een nummer zoals 16: alleen cijfers, zonder nul vooraan',
    fr: 'Un numéro comme 16 : des chiffres seulement, sans zéro devant',
    en: 'A number like 16: digits only, without a leading zero',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type RuleKey = keyof typeof RULE_MESSAGES;

const zodLocales = { nl: nl(), fr: fr(), en: en() };

export type FieldError = { path: string; message: string };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** One issue's message in a language; `input` is the whole value that was parsed. */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown, locale: Locale): string {
  if (issue.message in RULE_MESSAGES) return RULE_MESSAGES[issue.message as RuleKey][locale];
  const raw = { ...issue, input: valueAt(input, issue.path) } as unknown as z.core.$ZodRawIssue;
  const worded = zodLocales[locale].localeError(raw);
  if (typeof worded === 'string') return worded;
  return worded?.message ?? issue.message;
}

/** A zod error as a list of fields and messages, in the reader's language. */
export function fieldErrors(error: z.ZodError, input: unknown, locale: Locale): FieldError[] {
  return error.issues.flatMap((issue) => {
    const message = issueMessage(issue, input, locale);
    // An unknown field is named itself, so a form or a client sees which one to drop.
    const paths =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    return paths.map((p) => ({ path: p.map(String).join('.'), message }));
  });
}
