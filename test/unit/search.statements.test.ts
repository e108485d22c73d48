import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../src/modules/search/search.domain';
import {
  RUN_VALUES,
  byHubsSql,
  hubBands,
  relevanceBandsSql,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { namesMayMatch } from '../../src/modules/search/search.keys';
import { listingSearchConditions } from '../../src/modules/listings/listings.repo';

const options: SearchSqlOptions = {
  table: 'listings',
  select: 'h.slug AS hub_slug',
  joins: 'JOIN hubs h ON h.id = t.hub_id',
  where: [{ sql: "t.status = 'active'", values: [] }],
  fts: toFtsQuery('birch'),
  hubDistances: null,
  sort: 'relevance',
  cursor: null,
  limit: 20,
};

/** `n` hubs at distinct distances, nearest first, with ids as large as a network's. */
const hubs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: 1_000_000 + i * 7, metres: 1_000 + i * 13 }));

describe('the hubs of a page by words and a place, in its SQL', () => {
  const bands = hubBands(options.fts!);
  const units = (n: number) => [0, 1, 2].map((band) => ({ band, hubs: hubs(n) }));

  it('writes a few hundred hubs as VALUES (no list to read) and binds only the words and filters', () => {
    const n = Math.floor(RUN_VALUES / 3);
    const { sql, values } = byHubsSql(options, bands, units(n), 21, null);
    expect(sql).toContain('(VALUES (1000000, 1000), (1000007, 1013)');
    expect(sql).not.toContain('json_each');
    // The three bands' queries, each bound once.
    expect(values).toEqual(bands.map((b) => b.match));
  });

  it("passes the whole network's ring as JSON lists, far below D1's 100 KB a statement", () => {
    for (const n of [RUN_VALUES, 2_000, 20_000]) {
      const { sql, values } = byHubsSql(options, bands, units(n), 21, null);
      expect(sql).not.toContain('VALUES');
      expect(sql.length, String(n)).toBeLessThan(10_000);
      // A list of [hub, metres] per band, in order.
      const lists = values.filter((v): v is string => typeof v === 'string' && v.startsWith('[['));
      expect(lists.map((l) => JSON.parse(l).length)).toEqual([n, n, n]);
      expect(JSON.parse(lists[0]!)[1]).toEqual([1_000_007, 1_013]);
    }
  });

  it('refuses a hub id or distance that is not an integer (nothing but integers is written)', () => {
    const bad = [{ band: 0, hubs: [{ id: 1.5, metres: 10 }] }];
    expect(() => byHubsSql(options, bands, bad, 21, null)).toThrow('not an integer');
  });
});

describe("best match's second band, passed over when the filter's categories cannot hold it", () => {
  const where = (category: string) =>
    listingSearchConditions({ today: '2026-12-01', category }).filter((w) => w.hubScan);
  const may = (q: string, category?: string) =>
    namesMayMatch(toFtsQuery(q)!, category ? where(category) : []);

  it('knows from the names of the categories a filter admits whether a word may be among them', () => {
    // "birch" (and its other names, berk, bouleau) name birch plywood, not solid wood or metals.
    expect(may('birch', 'solid-wood')).toBe(false);
    expect(may('berken stoelen', 'hardwood')).toBe(false);
    expect(may('birch', 'metals')).toBe(false);
    // A title's compound heads follow every category's names: "planken" may be the end of
    // "eikenplanken", "wire" of "koperdraad" (a head's name or its other names).
    expect(may('berken planken', 'hardwood')).toBe(true);
    expect(may('wire', 'copper')).toBe(true);
    // Named by the category, by one below it (hardwood of solid wood), by its family, or a prefix of a name.
    expect(may('birch', 'plywood')).toBe(true);
    expect(may('loofhout', 'solid-wood')).toBe(true);
    expect(may('birch bois', 'solid-wood')).toBe(true);
    expect(may('birch', 'wood')).toBe(true);
    expect(may('tim', 'hardwood')).toBe(true);
    expect(may('contreplaqué', 'birch-plywood')).toBe(true);
    // No category filter: any category may name the words.
    expect(may('birch')).toBe(true);
    expect(
      namesMayMatch(toFtsQuery('birch')!, listingSearchConditions({ today: '2026-12-01', kind: 'offcut' })),
    ).toBe(true);
  });

  it('leaves the band out of the SQL only then', () => {
    const sql = (q: string, category: string) =>
      relevanceBandsSql({
        ...options,
        fts: toFtsQuery(q),
        where: listingSearchConditions({ today: '2026-12-01', category }),
      })!.sql;
    expect(sql('birch', 'solid-wood')).toMatch(/SELECT 0 AS rank[\s\S]*SELECT 2 AS rank/);
    expect(sql('birch', 'solid-wood')).not.toContain('SELECT 1 AS rank');
    expect(sql('birch', 'plywood')).toContain('SELECT 1 AS rank');
    expect(hubBands(toFtsQuery('birch')!)).toHaveLength(3);
  });
});
