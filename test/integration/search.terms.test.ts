/**
 * Search by what people call a material: every category is found by each of its names in nl, fr
 * and en (labels, trade names, synonyms), whatever language the listing is written in. The
 * `search_terms` column (a generated column, migration 0020) is held to src/shared/search-terms.ts
 * here, category by category, so names changed there without a migration fail (its other parts,
 * a title's compound heads and a unit's names, since migrations 0065 and 0066: titles here have
 * none, and the unit is pieces; search.heads.test.ts holds those).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListingPage, ZRequestPage } from '../../src/shared/search.schemas';
import { indexedTermsOf, namesOfCategory } from '../../src/shared/search-terms';
import { CATEGORIES } from '../../src/shared/taxonomy';
import { call, db, expectJson, makerWithHub } from '../helpers';

const slugs = CATEGORIES.map((c) => c.slug);

describe('search by the names of a category', () => {
  let hubSlug = '';
  const listingOf = new Map<string, number>();
  const requestOf = new Map<string, number>();

  beforeAll(async () => {
    const m = await makerWithHub();
    hubSlug = m.hub.slug;
    const hub = (await db
      .prepare('SELECT id FROM hubs WHERE slug = ?1')
      .bind(hubSlug)
      .first<{ id: number }>())!.id;
    const now = '2026-12-03T00:00:00Z';
    // Titles name no material: only the category can make a listing match.
    await db.batch(
      slugs.flatMap((category, i) => [
        db
          .prepare(
            `INSERT INTO listings (hub_id, author_id, kind, title, category, quantity_milli, unit, condition,
               price_type, created_at, updated_at)
             VALUES (?1, ?2, 'offcut', ?3, ?4, 1000, 'pieces', 'good', 'free', ?5, ?5)`,
          )
          .bind(hub, m.me.user.id, `Lot ${i}`, category, now),
        db
          .prepare(
            `INSERT INTO requests (hub_id, author_id, title, category, quantity_milli, unit, fetch_radius_km,
               created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 1000, 'pieces', 50, ?5, ?5)`,
          )
          .bind(hub, m.me.user.id, `Gezocht ${i}`, category, now),
      ]),
    );
    for (const [table, into] of [
      ['listings', listingOf],
      ['requests', requestOf],
    ] as const) {
      const { results } = await db
        .prepare(`SELECT id, category, search_terms FROM ${table} WHERE hub_id = ?1`)
        .bind(hub)
        .all<{ id: number; category: string; search_terms: string }>();
      for (const r of results) {
        into.set(r.category, r.id);
        expect(r.search_terms, `${table}.search_terms of ${r.category}`).toBe(indexedTermsOf(r.category));
      }
    }
  }, 120_000);

  it.each(slugs.filter((s) => s !== 'other'))(
    '%s is found by each of its names, in listings and requests',
    async (slug) => {
      const names = namesOfCategory(slug);
      expect(names.length, slug).toBeGreaterThan(0);
      for (const name of names) {
        const q = encodeURIComponent(name);
        const listings = await expectJson(
          await call(`/listings?q=${q}&hub=${hubSlug}&limit=50`),
          200,
          ZListingPage,
        );
        expect(
          listings.items.map((l) => l.id),
          `listings?q=${name}`,
        ).toContain(listingOf.get(slug));
        const requests = await expectJson(
          await call(`/requests?q=${q}&hub=${hubSlug}&limit=50`),
          200,
          ZRequestPage,
        );
        expect(
          requests.items.map((r) => r.id),
          `requests?q=${name}`,
        ).toContain(requestOf.get(slug));
      }
    },
    120_000,
  );

  it('a name finds its category and those below it, not a neighbour', async () => {
    const found = async (q: string) =>
      (await expectJson(await call(`/listings?q=${q}&hub=${hubSlug}&limit=50`), 200, ZListingPage)).items.map(
        (l) => l.id,
      );
    const plywood = await found('contreplaqu%C3%A9');
    expect(plywood.sort()).toEqual([listingOf.get('plywood'), listingOf.get('birch-plywood')].sort());
    const wood = await found('hout');
    expect(wood).toContain(listingOf.get('hardwood'));
    expect(wood).not.toContain(listingOf.get('steel'));
    expect(await found('PLA')).toEqual([listingOf.get('pla')]);
  });
});
