import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ZQuantity } from '../../src/shared/common.schemas';
import { ZHubInput, ZHubPatch } from '../../src/shared/hubs.schemas';
import { ZListingInput, ZListingPatch } from '../../src/shared/listings.schemas';
import { ZRequestPatch } from '../../src/shared/requests.schemas';
import { NOT_HUBS, ZListingSearch, ZRequestSearch } from '../../src/shared/search.schemas';

const LISTING = {
  hub: 'broei',
  kind: 'offcut',
  title: 'Birch plywood offcuts',
  category: 'birch-plywood',
  quantity: 12,
  unit: 'sheets',
  condition: 'good',
};

const HUB = {
  slug: 'fablab-ghent',
  name: 'Fablab Ghent',
  city: 'Ghent',
  country: 'BE',
  kind: 'fab_lab',
  lat: 51.05,
  lon: 3.72,
};

/** The issues of a failed parse, as `path: message` (message is the rule key for custom rules). */
function issues(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  expect(r.success, JSON.stringify(value)).toBe(false);
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const paths = (schema: z.ZodType, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((i) => i.path.join('.'));

describe('ZListingInput', () => {
  it('accepts a plain listing and fills its defaults', () => {
    const v = ZListingInput.parse(LISTING);
    expect(v).toMatchObject({ priceType: 'free', description: '' });
  });

  it('requires a price for the amount price type (price_required)', () => {
    expect(issues(ZListingInput, { ...LISTING, priceType: 'amount' })).toEqual([
      'priceCents: price_required',
    ]);
    expect(issues(ZListingInput, { ...LISTING, priceType: 'amount', priceCents: null })).toEqual([
      'priceCents: price_required',
    ]);
    expect(ZListingInput.safeParse({ ...LISTING, priceType: 'amount', priceCents: 0 }).success).toBe(true);
    expect(ZListingInput.safeParse({ ...LISTING, priceType: 'amount', priceCents: 1500 }).success).toBe(true);
  });

  it('refuses a price on free and swap listings (price_only_for_amount)', () => {
    expect(issues(ZListingInput, { ...LISTING, priceType: 'free', priceCents: 500 })).toEqual([
      'priceCents: price_only_for_amount',
    ]);
    expect(issues(ZListingInput, { ...LISTING, priceType: 'swap', priceCents: 500 })).toEqual([
      'priceCents: price_only_for_amount',
    ]);
    // The default price type is free, so a bare price is refused too.
    expect(issues(ZListingInput, { ...LISTING, priceCents: 500 })).toEqual([
      'priceCents: price_only_for_amount',
    ]);
    expect(ZListingInput.safeParse({ ...LISTING, priceType: 'swap', priceCents: null }).success).toBe(true);
  });

  it('offers machine time in hours only (machine_time_hours)', () => {
    const machine = { ...LISTING, kind: 'machine_time', category: 'laser-cutting', quantity: 4 };
    expect(issues(ZListingInput, { ...machine, unit: 'sheets' })).toEqual(['unit: machine_time_hours']);
    expect(ZListingInput.safeParse({ ...machine, unit: 'hours' }).success).toBe(true);
  });

  it('wants the end of availability on or after its start (until_after_from)', () => {
    expect(
      issues(ZListingInput, { ...LISTING, availableFrom: '2027-03-02', availableUntil: '2027-03-01' }),
    ).toEqual(['availableUntil: until_after_from']);
    expect(
      ZListingInput.safeParse({ ...LISTING, availableFrom: '2027-03-01', availableUntil: '2027-03-01' })
        .success,
    ).toBe(true);
    expect(paths(ZListingInput, { ...LISTING, availableFrom: '1 March' })).toEqual(['availableFrom']);
  });

  it('takes quantities with at most three decimals, positive and bounded', () => {
    for (const q of [0.001, 2.5, 1234.567, 1_000_000])
      expect(ZQuantity.safeParse(q).success, String(q)).toBe(true);
    expect(issues(ZQuantity, 1.0001)).toEqual([': at_most_3_decimals']);
    for (const q of [0, -1, 1_000_001, 1e12, Number.NaN, Infinity])
      expect(ZQuantity.safeParse(q).success, String(q)).toBe(false);
    expect(paths(ZListingInput, { ...LISTING, quantity: '12' })).toEqual(['quantity']);
  });

  it('refuses fields it does not know', () => {
    const r = ZListingInput.safeParse({ ...LISTING, id: 9, author: 1, status: 'withdrawn' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['id', 'author', 'status'] }),
    ]);
  });

  it('refuses a category outside the taxonomy', () => {
    expect(paths(ZListingInput, { ...LISTING, category: 'unobtainium' })).toEqual(['category']);
  });
});

describe('edit schemas', () => {
  it('change only what an edit sends: no create defaults sneak in', () => {
    expect(ZListingPatch.parse({ title: 'A new title' })).toEqual({ title: 'A new title' });
    expect(ZHubPatch.parse({ name: 'New name' })).toEqual({ name: 'New name' });
    expect(ZRequestPatch.parse({ title: 'New title' })).toEqual({ title: 'New title' });
  });

  it('refuse an empty edit, but only when nothing else is wrong', () => {
    for (const schema of [ZListingPatch, ZHubPatch, ZRequestPatch])
      expect(issues(schema, {})).toEqual([': nothing_to_change']);
    expect(issues(ZRequestPatch, { id: 3 })).toEqual([': Unrecognized key: "id"']);
  });

  it('refuse fields an edit may not touch', () => {
    expect(paths(ZRequestPatch, { title: 'Fine title', status: 'withdrawn' })).toEqual(['status']);
    expect(ZRequestPatch.safeParse({ status: 'fulfilled' }).success).toBe(true);
    expect(ZHubPatch.safeParse({ slug: 'other' }).error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['slug'],
    });
  });
});

describe('ZListingSearch', () => {
  it('parses near into a point, and coerces numbers from the query string', () => {
    const v = ZListingSearch.parse({ near: '51.05,-3.72', radius_km: '25', limit: '5' });
    expect(v.near).toEqual({ lat: 51.05, lon: -3.72 });
    expect(v.radius_km).toBe(25);
    expect(v.limit).toBe(5);
    expect(ZListingSearch.parse({}).limit).toBe(20);
  });

  it('refuses a malformed or out-of-range point', () => {
    expect(issues(ZListingSearch, { near: '51.05' })).toEqual(['near: near_format']);
    expect(issues(ZListingSearch, { near: '51.05, 3.72' })).toEqual(['near: near_format']);
    expect(issues(ZListingSearch, { near: 'ghent' })).toEqual(['near: near_format']);
    expect(issues(ZListingSearch, { near: '91,3' })).toEqual(['near: near_range']);
    expect(issues(ZListingSearch, { near: '51,181' })).toEqual(['near: near_range']);
  });

  it('needs a point for a radius or a distance sort, and a text for a relevance sort', () => {
    expect(issues(ZListingSearch, { radius_km: '10' })).toEqual(['near: radius_needs_near']);
    expect(issues(ZRequestSearch, { radius_km: '10' })).toEqual(['near: radius_needs_near']);
    expect(issues(ZListingSearch, { sort: 'nearest' })).toEqual(['near: nearest_needs_near']);
    expect(issues(ZListingSearch, { sort: 'relevance' })).toEqual(['q: relevance_needs_q']);
    expect(ZListingSearch.safeParse({ sort: 'relevance', q: 'oak' }).success).toBe(true);
    expect(ZListingSearch.safeParse({ sort: 'nearest', near: '51,3', radius_km: '5' }).success).toBe(true);
  });

  it('reads the hubs left out as a list of slugs, up to NOT_HUBS, never with one hub', () => {
    expect(ZRequestSearch.parse({ not_hub: ' broei , buda-factory,' }).not_hub).toEqual([
      'broei',
      'buda-factory',
    ]);
    const many = Array.from({ length: NOT_HUBS }, (_, i) => `hub-${i}`);
    expect(ZListingSearch.parse({ not_hub: many.join(',') }).not_hub).toEqual(many);
    expect(paths(ZListingSearch, { not_hub: [...many, 'one-more'].join(',') })).toEqual(['not_hub']);
    expect(paths(ZListingSearch, { not_hub: ' , ' })).toEqual(['not_hub']);
    expect(paths(ZListingSearch, { not_hub: `${'x'.repeat(61)}` })).toEqual(['not_hub.0']);
    expect(issues(ZRequestSearch, { hub: 'broei', not_hub: 'buda-factory' })).toEqual([
      'not_hub: not_hub_with_hub',
    ]);
  });

  it('bounds radius and limit', () => {
    expect(paths(ZListingSearch, { near: '51,3', radius_km: '0' })).toEqual(['radius_km']);
    expect(paths(ZListingSearch, { near: '51,3', radius_km: '-5' })).toEqual(['radius_km']);
    expect(paths(ZListingSearch, { near: '51,3', radius_km: 'far' })).toEqual(['radius_km']);
    expect(paths(ZListingSearch, { limit: '0' })).toEqual(['limit']);
    expect(paths(ZListingSearch, { limit: '51' })).toEqual(['limit']);
    expect(paths(ZListingSearch, { limit: '2.5' })).toEqual(['limit']);
  });

  it('refuses an unknown category, kind or condition', () => {
    expect(paths(ZListingSearch, { category: 'nope', kind: 'gift', condition: 'mint' }).sort()).toEqual([
      'category',
      'condition',
      'kind',
    ]);
  });
});

describe('ZHubInput', () => {
  it('accepts a hub and fills its description', () => {
    expect(ZHubInput.parse(HUB).description).toBe('');
  });

  it('wants a lowercase slug with single hyphens', () => {
    for (const slug of ['fablab', 'fab-lab-2', 'abc'])
      expect(ZHubInput.safeParse({ ...HUB, slug }).success).toBe(true);
    for (const slug of ['Fablab', 'fab lab', 'fab--lab', '-fab', 'fab-', 'fab_lab', 'été'])
      expect(issues(ZHubInput, { ...HUB, slug })).toEqual(['slug: slug_format']);
    expect(paths(ZHubInput, { ...HUB, slug: 'ab' })).toEqual(['slug']);
    expect(paths(ZHubInput, { ...HUB, slug: 'a'.repeat(61) })).toEqual(['slug']);
  });

  it('wants a two-letter uppercase country code', () => {
    for (const country of ['be', 'BEL', 'B', 'B1', ''])
      expect(issues(ZHubInput, { ...HUB, country })).toEqual(['country: country_format']);
    expect(ZHubInput.safeParse({ ...HUB, country: 'NL' }).success).toBe(true);
  });

  it('bounds latitude and longitude', () => {
    expect(paths(ZHubInput, { ...HUB, lat: 90.1, lon: -180.1 }).sort()).toEqual(['lat', 'lon']);
    expect(ZHubInput.safeParse({ ...HUB, lat: -90, lon: 180 }).success).toBe(true);
  });
});
