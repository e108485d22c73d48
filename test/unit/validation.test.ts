import { describe, expect, it } from 'vitest';
import { ZHubInput } from '../../src/shared/hubs.schemas';
import { ZRequestInput } from '../../src/shared/requests.schemas';
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
  it('translates the schemas’ own rules after the field’s name', () => {
    expect(errorsOf(BAD_HUB, 'nl')).toMatchObject({
      slug: 'Webnaam: kleine letters, cijfers en enkele koppeltekens',
      country: 'Land: landcode van twee letters, bv. BE',
    });
    expect(errorsOf(BAD_HUB, 'fr')).toMatchObject({
      slug: 'Nom web : minuscules, chiffres et tirets simples',
      country: 'Pays : code pays à deux lettres, p. ex. BE',
    });
    expect(errorsOf(BAD_HUB, 'en')).toMatchObject({
      slug: 'Web name: lowercase letters, digits and single hyphens',
      country: 'Country: two-letter country code, e.g. BE',
    });
  });

  it('words zod’s own issues in the reader’s language, with numbers as the reader writes them', () => {
    const nl = errorsOf(BAD_HUB, 'nl');
    const fr = errorsOf(BAD_HUB, 'fr');
    const en = errorsOf(BAD_HUB, 'en');
    expect(nl.name).toBe('Naam: minstens 2 tekens');
    expect(fr.name).toBe('Nom : au moins 2 caractères');
    expect(en.name).toBe('Name: at least 2 characters');
    expect(nl.lat).toBe('Breedtegraad: hoogstens 90');
    expect(fr.lat).toBe('Latitude : au plus 90');
    expect(en.lat).toBe('Latitude: at most 90');
  });

  it('words a wrong type as what is expected, never as what was received', () => {
    const { id: _id, owner: _owner, ...known } = BAD_HUB;
    const input = { ...known, slug: 'fine-slug', name: 'Fine', country: 'BE', lat: 'north' };
    expect(errorsOf(input, 'en')).toEqual({ lat: 'Latitude: a number, e.g. 12' });
    expect(errorsOf(input, 'fr').lat).toBe('Latitude : un nombre, p. ex. 12');
    const { lat: _lat, ...withoutLat } = input;
    expect(errorsOf(withoutLat, 'nl')).toEqual({ lat: 'Breedtegraad: verplicht' });
  });

  it('names each unknown field on its own line, in every language', () => {
    const r = ZHubInput.safeParse(BAD_HUB);
    for (const locale of ['nl', 'fr', 'en'] as const) {
      const fields = fieldErrors(r.error!, BAD_HUB, locale);
      const unknown = fields.filter((f) => f.path === 'id' || f.path === 'owner');
      expect(unknown.map((f) => f.path)).toEqual(['id', 'owner']);
    }
    const byPath = (locale: 'nl' | 'fr' | 'en') =>
      Object.fromEntries(fieldErrors(r.error!, BAD_HUB, locale).map((f) => [f.path, f.message]));
    expect(byPath('nl')).toMatchObject({ id: 'Onbekend veld: “id”', owner: 'Onbekend veld: “owner”' });
    expect(byPath('fr')).toMatchObject({ id: 'Champ inconnu : “id”' });
    expect(byPath('en')).toMatchObject({ owner: 'Unknown field: “owner”' });
  });

  it('uses dotted paths and translates the decimals rule', () => {
    const input = { hub: 'broei', title: 'Oak', category: 'hardwood', quantity: 1.0001, unit: 'kg' };
    const r = ZRequestInput.safeParse(input);
    expect(fieldErrors(r.error!, input, 'nl')).toEqual([
      { path: 'quantity', message: 'Hoeveelheid: hoogstens drie cijfers na de komma' },
    ]);
    expect(fieldErrors(r.error!, input, 'fr')).toEqual([
      { path: 'quantity', message: 'Quantité : trois décimales au maximum' },
    ]);
    expect(fieldErrors(r.error!, input, 'en')).toEqual([
      { path: 'quantity', message: 'Quantity: at most three decimals' },
    ]);
  });

  it('has every rule message in nl, fr and en', () => {
    for (const [key, messages] of Object.entries(RULE_MESSAGES)) {
      expect(Object.keys(messages).sort(), key).toEqual(['en', 'fr', 'nl']);
      for (const text of Object.values(messages)) expect(text.length, key).toBeGreaterThan(0);
    }
  });
});
