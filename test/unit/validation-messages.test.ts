/**
 * Every field of every form and query schema, fed wrong values, answers in nl, fr and en with a
 * sentence that names the field: no zod wording, no "NaN", no untranslated text.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as accounts from '../../src/shared/accounts.schemas';
import * as common from '../../src/shared/common.schemas';
import * as exchanges from '../../src/shared/exchanges.schemas';
import * as hubs from '../../src/shared/hubs.schemas';
import * as impact from '../../src/shared/impact.schemas';
import * as imports from '../../src/shared/imports.schemas';
import * as listings from '../../src/shared/listings.schemas';
import * as machines from '../../src/shared/machines.schemas';
import * as matching from '../../src/shared/matching.schemas';
import * as moderation from '../../src/shared/moderation.schemas';
import * as networks from '../../src/shared/networks.schemas';
import * as notifications from '../../src/shared/notifications.schemas';
import * as photos from '../../src/shared/photos.schemas';
import * as requests from '../../src/shared/requests.schemas';
import * as savedSearches from '../../src/shared/saved-searches.schemas';
import * as search from '../../src/shared/search.schemas';
import * as streams from '../../src/shared/streams.schemas';
import * as tasks from '../../src/shared/tasks.schemas';
import * as trainings from '../../src/shared/trainings.schemas';
import { FIELD_LABELS, fieldErrors, type FieldKey } from '../../src/shared/validation';

const LOCALES = ['nl', 'fr', 'en'] as const;

type Shape = Record<string, z.ZodType>;

/** The object shape under refinements, pipes and defaults, if any. */
function shapeOf(schema: unknown): Shape | null {
  let s = schema as { shape?: Shape; _zod?: { def: Record<string, unknown> } } | undefined;
  for (let i = 0; i < 10 && s; i++) {
    if (s.shape) return s.shape;
    const def = s._zod?.def;
    if (!def) return null;
    s = (def.in ?? def.innerType ?? def.schema) as typeof s;
  }
  return null;
}

const FORM_SCHEMAS = Object.entries({
  ...accounts,
  ...common,
  ...exchanges,
  ...hubs,
  ...impact,
  ...imports,
  ...listings,
  ...machines,
  ...matching,
  ...moderation,
  ...networks,
  ...notifications,
  ...photos,
  ...requests,
  ...savedSearches,
  ...search,
  ...streams,
  ...tasks,
  ...trainings,
}).filter(([name]) => /^Z\w+(Input|Patch|Search)$/.test(name) && name !== 'ZSavedSearch') as [
  string,
  z.ZodType,
][];

// Wrong values of every kind: missing, wrong type, empty, far too long or large, NaN, a list.
const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(20_000),
  12345,
  -1,
  0.00001,
  1e12,
  Number.NaN,
  true,
  [],
  [12345],
  ['x'.repeat(500)],
  {},
  '2020-01-01',
  '2099-02-30',
];

// What zod says in its own words (any of its locales), or a value that leaked into a sentence.
const LIBRARY_WORDING =
  /expected|received|invalid input|too (small|big)|te (klein|groot)|trop (petit|grand)|ongeldig|invalide|NaN|>=|<=|undefined|\[object/i;

describe('validation messages', () => {
  it('finds the form schemas', () => {
    expect(FORM_SCHEMAS.length).toBeGreaterThan(25);
    for (const [name, schema] of FORM_SCHEMAS) expect(shapeOf(schema), name).not.toBeNull();
  });

  it('names every field of every form schema in nl, fr and en', () => {
    const missing: string[] = [];
    for (const [name, schema] of FORM_SCHEMAS)
      for (const field of Object.keys(shapeOf(schema)!))
        if (!(field in FIELD_LABELS)) missing.push(`${name}.${field}`);
    expect(missing).toEqual([]);
    for (const [field, words] of Object.entries(FIELD_LABELS))
      for (const locale of LOCALES) expect(words[locale].trim(), `${field} ${locale}`).not.toBe('');
  });

  it('words every wrong value of every field as a sentence naming the field, in three languages', () => {
    let checked = 0;
    for (const [name, schema] of FORM_SCHEMAS) {
      for (const field of Object.keys(shapeOf(schema)!)) {
        for (const bad of BAD_VALUES) {
          const input = { [field]: bad };
          const result = schema.safeParse(input);
          if (result.success) continue;
          const byLocale = LOCALES.map((locale) => fieldErrors(result.error, input, locale));
          for (const [i, locale] of LOCALES.entries()) {
            for (const { path, message } of byLocale[i]!) {
              const where = `${name} ${field}=${JSON.stringify(bad)?.slice(0, 40)} ${locale} ${path}`;
              expect(message, where).not.toMatch(LIBRARY_WORDING);
              const key = path.split('.').find((p) => p in FIELD_LABELS) as FieldKey | undefined;
              // A field's message starts with its name; a form-wide one is a whole sentence.
              if (key && path.split('.')[0] === field) {
                const label =
                  FIELD_LABELS[
                    path
                      .split('.')
                      .reverse()
                      .find((p) => p in FIELD_LABELS) as FieldKey
                  ];
                expect(message.startsWith(label[locale]), where).toBe(true);
                expect(message.length, where).toBeGreaterThan(label[locale].length + 3);
              }
              checked++;
            }
          }
          // nl and fr are never the English sentence (field names alike, e.g. "Hub", aside).
          const [nl, fr, en] = byLocale.map((fields) => fields.map((f) => f.message).join('|'));
          expect(nl, `${name} ${field} nl`).not.toBe(en);
          expect(fr, `${name} ${field} fr`).not.toBe(en);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 120_000);

  it('refuses past dates with a sentence: needed by, available until', () => {
    const request = { hub: 'broei', title: 'Oak', category: 'hardwood', quantity: 1, unit: 'kg' };
    const old = { ...request, neededBy: '2020-01-01' };
    const r = requests.ZRequestInput.safeParse(old);
    expect(fieldErrors(r.error!, old, 'en')).toEqual([
      { path: 'neededBy', message: 'Needed by: cannot be in the past' },
    ]);
    expect(fieldErrors(r.error!, old, 'nl')).toEqual([
      { path: 'neededBy', message: 'Nodig tegen: mag niet in het verleden liggen' },
    ]);
    expect(fieldErrors(r.error!, old, 'fr')).toEqual([
      { path: 'neededBy', message: 'Date limite : ne peut pas être dans le passé' },
    ]);
    const listing = {
      hub: 'broei',
      kind: 'offcut',
      title: 'Oak',
      category: 'hardwood',
      quantity: 1,
      unit: 'kg',
      condition: 'good',
      availableUntil: '2001-06-30',
    };
    const l = listings.ZListingInput.safeParse(listing);
    expect(fieldErrors(l.error!, listing, 'en')).toEqual([
      { path: 'availableUntil', message: 'Available until: cannot be in the past' },
    ]);
    const soon = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
    expect(requests.ZRequestInput.safeParse({ ...request, neededBy: soon }).success).toBe(true);
    expect(listings.ZListingInput.safeParse({ ...listing, availableUntil: soon }).success).toBe(true);
  });

  it('says what a title, a number and an email need, as the issue reads them', () => {
    const input = { email: 'not-an-email', password: 'short', displayName: '', locale: 'de' };
    const r = accounts.ZSignupInput.safeParse(input);
    const en = Object.fromEntries(fieldErrors(r.error!, input, 'en').map((f) => [f.path, f.message]));
    expect(en).toEqual({
      email: 'Email address: an email address such as name@example.org',
      password: 'Password: at least 10 characters',
      displayName: 'Name: cannot be empty',
      locale: 'Language: choose one of: nl, fr, en',
    });
    const listing = { title: 'ab', quantity: Number.NaN };
    const p = listings.ZListingPatch.safeParse(listing);
    const fr = Object.fromEntries(fieldErrors(p.error!, listing, 'fr').map((f) => [f.path, f.message]));
    expect(fr).toEqual({
      title: 'Titre : au moins 3 caractères',
      quantity: 'Quantité : un nombre, p. ex. 12',
    });
    const big = { quantity: 2_000_000 };
    const b = listings.ZListingPatch.safeParse(big);
    expect(fieldErrors(b.error!, big, 'nl')).toEqual([
      { path: 'quantity', message: 'Hoeveelheid: hoogstens 1.000.000' },
    ]);
  });
});
