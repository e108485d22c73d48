import { describe, expect, it } from 'vitest';
import { ZHubInput, ZRequestInput } from '../../src/shared/schemas';
import { fieldErrors, RULE_MESSAGES } from '../../src/shared/validation';

const BAD_HUB = {
  slug: 'Bad Slug',
  name: 'X',
  city: 'Ghent',
  country: 'be',
  kind: 'fab_lab',
  lat: 95,
  lon: 3.7,
  id: 4,
  owner: 1,
};

function errorsOf(input: unknown, locale: 'nl' | 'fr' | 'en') {
  const r = ZHubInput.safeParse(input);
  expect(r.success).toBe(false);
  return Object.fromEntries(fieldErrors(r.error!, input, locale).map((f) => [f.path, f.message]));
}

describe('fieldErrors', () => {
  it('translates the schemas’ own rules', () => {
    expect(errorsOf(BAD_HUB, 'nl')).toMatchObject({
      slug: RULE_MESSAGES.slug_format.nl,
      country: 'Landcode van twee letters, bv. BE',
    });
    expect(errorsOf(BAD_HUB, 'fr')).toMatchObject({
      slug: 'Minuscules, chiffres et tirets simples',
      country: RULE_MESSAGES.country_format.fr,
    });
    expect(errorsOf(BAD_HUB, 'en')).toMatchObject({
      slug: 'Lowercase letters, digits and single hyphens',
      country: 'Two-letter country code, e.g. BE',
    });
  });

  it('words zod’s own issues in the reader’s language', () => {
    const nl = errorsOf(BAD_HUB, 'nl');
    const fr = errorsOf(BAD_HUB, 'fr');
    const en = errorsOf(BAD_HUB, 'en');
    expect(nl.name).toMatch(/^Te kort/);
    expect(fr.name).toMatch(/^Trop petit/);
    expect(en.name).toMatch(/^Too small/);
    expect(nl.lat).toMatch(/^Te groot/);
    expect(fr.lat).toMatch(/^Trop grand/);
    expect(en.lat).toMatch(/^Too big/);
    for (const messages of [nl, fr, en]) expect(messages.lat).toContain('90');
  });

  it('words a wrong type with the value that was sent', () => {
    const { id: _id, owner: _owner, ...known } = BAD_HUB;
    const input = { ...known, slug: 'fine-slug', name: 'Fine', country: 'BE', lat: 'north' };
    expect(errorsOf(input, 'en')).toEqual({ lat: expect.stringMatching(/expected number, received string/) });
    expect(errorsOf(input, 'fr').lat).toMatch(/nombre/);
  });

  it('names each unknown field on its own line, in every language', () => {
    for (const locale of ['nl', 'fr', 'en'] as const) {
      const r = ZHubInput.safeParse(BAD_HUB);
      const fields = fieldErrors(r.error!, BAD_HUB, locale);
      const unknown = fields.filter((f) => f.path === 'id' || f.path === 'owner');
      expect(unknown.map((f) => f.path)).toEqual(['id', 'owner']);
      for (const f of unknown) expect(f.message).toMatch(/"id", "owner"/);
    }
    const r = ZHubInput.safeParse(BAD_HUB);
    expect(fieldErrors(r.error!, BAD_HUB, 'nl').find((f) => f.path === 'id')?.message).toMatch(
      /^Onbekende keys/,
    );
    expect(fieldErrors(r.error!, BAD_HUB, 'fr').find((f) => f.path === 'id')?.message).toMatch(
      /^Clés non reconnues/,
    );
  });

  it('uses dotted paths and translates the decimals rule', () => {
    const input = { hub: 'broei', title: 'Oak', category: 'hardwood', quantity: 1.0001, unit: 'kg' };
    const r = ZRequestInput.safeParse(input);
    expect(fieldErrors(r.error!, input, 'nl')).toEqual([
      { path: 'quantity', message: 'Hoogstens drie cijfers na de komma' },
    ]);
    expect(fieldErrors(r.error!, input, 'fr')).toEqual([
      { path: 'quantity', message: 'Trois décimales au maximum' },
    ]);
    expect(fieldErrors(r.error!, input, 'en')).toEqual([
      { path: 'quantity', message: 'At most three decimals' },
    ]);
  });

  it('has every rule message in nl, fr and en', () => {
    for (const [key, messages] of Object.entries(RULE_MESSAGES)) {
      expect(Object.keys(messages).sort(), key).toEqual(['en', 'fr', 'nl']);
      for (const text of Object.values(messages)) expect(text.length, key).toBeGreaterThan(0);
    }
  });
});
