/**
 * A filter as words of the full-text indexes (migration 0054, `search.keys.ts`): every row holds
 * its category's, family's, kind's, condition's, price's and sizes' tokens, written by SQL and
 * looked for by the code from the same lists; words and a filter are then one full-text query, so
 * a rare filter with common words reads the rows shown, not every match of the words. The pages
 * are compared with a general query that filters by its WHERE alone (no token).
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { filterKey } from '../../src/modules/search/search.keys';
import { SEARCH_STATEMENTS } from '../../src/modules/search/search.statements';
import { CONDITIONS, LISTING_KINDS } from '../../src/shared/constants';
import { ZListingSearch } from '../../src/shared/search.schemas';
import { CATEGORIES, categoryFamily, findCategory } from '../../src/shared/taxonomy';
import { db, makerWithHub } from '../helpers';
import {
  SEEDED_AT,
  addHub,
  addListings,
  allPages,
  generalSearch,
  hubsInReach,
  recordedSearch,
} from '../search-helpers';

const NOW = SEEDED_AT;
const PRICES = ['free', 'swap', 'amount'] as const;
const HUB_STRIDE = 8589934592;
const ID_SPAN = 4294967296;

/** Whether the row holds the token in `filter_keys`: in the network's index, and in both of its rows of the hub-ordered one. */
async function holds(table: 'listings' | 'requests', id: number, hub: number, token: string) {
  const match = `{filter_keys} : "${token}"`;
  const network = await db
    .prepare(`SELECT count(*) AS n FROM ${table}_fts WHERE ${table}_fts MATCH ?1 AND rowid = ?2`)
    .bind(match, id)
    .first<{ n: number }>();
  const byHub = await db
    .prepare(
      `SELECT count(*) AS n FROM ${table}_hub_fts WHERE ${table}_hub_fts MATCH ?1 AND rowid IN (?2, ?3)`,
    )
    .bind(match, hub * HUB_STRIDE + ID_SPAN - 1 - id, hub * HUB_STRIDE + 2 * ID_SPAN - 1 - id)
    .first<{ n: number }>();
  return [network!.n, byHub!.n];
}

/** A category and each one above it, up to its family (src/shared/taxonomy.ts). */
function ancestors(slug: string): string[] {
  const chain: string[] = [];
  for (let c = findCategory(slug); c; c = c.parent ? findCategory(c.parent) : undefined) chain.push(c.slug);
  return chain;
}

const general = generalSearch;

describe('filters in the full-text indexes', () => {
  it('every category (with those below it), kind, condition and price is a token of its own, written by SQL as the code reads it', async () => {
    const m = await makerWithHub({ lat: 64.1, lon: 21.1 });
    const by = m.me.user.id;
    const hub = await addHub('keys-every-value', 64.2, 21.2, by);
    const slugs = CATEGORIES.map((c) => c.slug);
    for (const column of ['category', 'family'] as const) {
      const tokens = slugs.map((s) => filterKey(column, s));
      expect(new Set(tokens).size, column).toBe(slugs.length);
      // In the list: none is the base token every value missing from the list shares.
      expect(tokens).not.toContain(filterKey(column, 'no-such-category'));
    }
    for (const [column, values] of [
      ['kind', LISTING_KINDS],
      ['condition', CONDITIONS],
      ['price_type', PRICES],
    ] as const) {
      const tokens = values.map((v) => filterKey(column, v));
      expect(new Set(tokens).size, column).toBe(values.length);
      expect(tokens).not.toContain(filterKey(column, 'no-such-value'));
    }

    for (const [i, slug] of slugs.entries()) {
      const o = {
        kind: LISTING_KINDS[i % LISTING_KINDS.length]!,
        condition: CONDITIONS[i % CONDITIONS.length]!,
        price: PRICES[i % PRICES.length]!,
        sized: i % 2 === 0,
      };
      await addListings(hub, by, 1, {
        title: `Keys ${slug}`,
        category: slug,
        kind: o.kind,
        condition: o.condition,
        price: o.price,
        ...(o.sized ? { sizeMm: [500, 300] as [number, number] } : {}),
      });
      const row = await db
        .prepare('SELECT id FROM listings WHERE hub_id = ?1 ORDER BY id DESC LIMIT 1')
        .bind(hub)
        .first<{ id: number }>();
      const id = row!.id;
      // The token of its category and of each one above it (a family's is its top one's), and of
      // no other category.
      const above = ancestors(slug);
      for (const other of slugs)
        expect(await holds('listings', id, hub, filterKey('category', other)), `${slug}: ${other}`).toEqual(
          above.includes(other) ? [1, 2] : [0, 0],
        );
      expect(filterKey('family', categoryFamily(slug))).toBe(filterKey('category', above.at(-1)!));
      expect(await holds('listings', id, hub, filterKey('kind', o.kind)), slug).toEqual([1, 2]);
      expect(await holds('listings', id, hub, filterKey('condition', o.condition)), slug).toEqual([1, 2]);
      expect(await holds('listings', id, hub, filterKey('price_type', o.price)), slug).toEqual([1, 2]);
      expect(await holds('listings', id, hub, filterKey('sized', 1)), slug).toEqual(
        o.sized ? [1, 2] : [0, 0],
      );

      const request = await db
        .prepare(
          `INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit,
             fetch_radius_km, created_at, updated_at)
           VALUES (?1, ?2, ?3, '', ?4, 1000, 'pieces', 50, ?5, ?5) RETURNING id`,
        )
        .bind(hub, by, `Keys ${slug}`, slug, NOW)
        .first<{ id: number }>();
      for (const other of slugs)
        expect(
          await holds('requests', request!.id, hub, filterKey('category', other)),
          `request ${slug}: ${other}`,
        ).toEqual(above.includes(other) ? [1, 2] : [0, 0]);
    }

    // A change of kind, condition, price or sizes moves the row's tokens (the triggers of 0054).
    const first = await db
      .prepare("SELECT id, kind FROM listings WHERE hub_id = ?1 AND title = 'Keys wood 1'")
      .bind(hub)
      .first<{ id: number; kind: string }>();
    await db
      .prepare(
        "UPDATE listings SET kind = 'machine_time', condition = 'for_parts', price_type = 'swap', length_mm = NULL WHERE id = ?1",
      )
      .bind(first!.id)
      .run();
    expect(await holds('listings', first!.id, hub, filterKey('kind', 'machine_time'))).toEqual([1, 2]);
    expect(await holds('listings', first!.id, hub, filterKey('kind', first!.kind))).toEqual([0, 0]);
    expect(await holds('listings', first!.id, hub, filterKey('condition', 'for_parts'))).toEqual([1, 2]);
    expect(await holds('listings', first!.id, hub, filterKey('price_type', 'swap'))).toEqual([1, 2]);
    expect(await holds('listings', first!.id, hub, filterKey('sized', 1))).toEqual([0, 0]);
  }, 240_000);

  it('words with a rare filter read the rows shown, not every match of the words', async () => {
    const m = await makerWithHub({ lat: 65.1, lon: 25.1 });
    const by = m.me.user.id;
    const hubs = [await addHub('keys-rare-a', 65.2, 25.2, by), await addHub('keys-rare-b', 65.3, 25.4, by)];
    // Three rare rows first (the oldest), then 600 common matches of the same words.
    await addListings(hubs[0]!, by, 2, {
      title: 'Birch lathe hours',
      category: 'plywood',
      kind: 'machine_time',
    });
    await addListings(hubs[1]!, by, 1, {
      title: 'Birch spindle',
      category: 'hardwood',
      condition: 'new',
      price: 'swap',
      description: 'birch',
    });
    for (const hub of hubs) await addListings(hub, by, 300, { title: 'Birch plywood', category: 'plywood' });

    for (const [filter, shown] of [
      ['q=birch&kind=machine_time', 2],
      ['q=birch&kind=machine_time&sort=newest', 2],
      ['q=birch&category=solid-wood', 1],
      ['q=birch&condition=new&price=swap', 1],
      ['q=birch&category=metals', 0],
    ] as const) {
      const q = ZListingSearch.parse(Object.fromEntries(new URLSearchParams(filter)));
      const expected = await general(q, null);
      expect(expected, filter).toHaveLength(shown);
      for (const limit of [1, 50])
        expect(
          (await allPages(`/listings?${filter}`, limit)).items.map((i) => i.id),
          `${filter} by ${limit}`,
        ).toEqual(expected);
      const { page, statements, rowsRead } = await recordedSearch({
        ...Object.fromEntries(new URLSearchParams(filter)),
        limit: '20',
      });
      expect(page.items.map((i) => i.id)).toEqual(expected);
      expect(statements, filter).toBe(1);
      // Before the tokens, each of the 603 matches of "birch" was read and dropped by the filter.
      expect(rowsRead, filter).toBeLessThanOrEqual(2 * 4 * shown + 50);
    }
  }, 240_000);

  it('near a point, words and a category held by many hubs, but never together nearby, end in a few statements', async () => {
    const m = await makerWithHub({ lat: 66.9, lon: 29.9 });
    const by = m.me.user.id;
    // 70 hubs (more than a hub scan lists) each with alder plywood and oak beams; the only alder
    // solid wood is in two hubs at the far corner.
    const far: number[] = [];
    for (let i = 0; i < 70; i++) {
      const id = await addHub(`keys-grid-${i}`, 66 + Math.floor(i / 10) * 0.2, 26 + (i % 10) * 0.4, by);
      await addListings(id, by, 2, { title: 'Alder plywood', category: 'plywood' });
      await addListings(id, by, 1, { title: 'Oak beam', category: 'solid-wood' });
      if (i >= 68) {
        await addListings(id, by, 2, { title: 'Alder log', category: 'solid-wood' });
        far.push(id);
      }
    }
    const point = { lat: 66.0, lon: 26.0 };
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const metres = new Map((await hubsInReach(deps, point)).map((h) => [h.id, h.metres] as [number, number]));
    for (const [filter, shown] of [
      ['q=alder&category=solid-wood', 4],
      ['q=alder&category=metals', 0],
      ['q=alder&kind=machine_time&sort=nearest', 0],
    ] as const) {
      const path = `/listings?${filter}&near=${point.lat},${point.lon}`;
      const q = ZListingSearch.parse(
        Object.fromEntries(new URLSearchParams(`${filter}&near=${point.lat},${point.lon}`)),
      );
      const expected = await general(q, metres);
      expect(expected, filter).toHaveLength(shown);
      for (const limit of [1, 3, 50])
        expect(
          (await allPages(path, limit)).items.map((i) => i.id),
          `${filter} by ${limit}`,
        ).toEqual(expected);
      const { page, statements } = await recordedSearch({
        ...Object.fromEntries(new URLSearchParams(filter)),
        near: `${point.lat},${point.lon}`,
      });
      expect(page.items.map((i) => i.id)).toEqual(expected);
      expect(page.searchedKm).toBeUndefined();
      // The hubs holding the words with the filter's tokens (one walk of the hub-ordered index),
      // then their page: no ring of hubs, no list of the category's 70 holders (5 statements
      // through those; more than 5 before the tokens).
      expect(statements, filter).toBeLessThanOrEqual(2);
      expect(statements).toBeLessThanOrEqual(SEARCH_STATEMENTS);
    }
    expect(far).toHaveLength(2);
  }, 240_000);
});
