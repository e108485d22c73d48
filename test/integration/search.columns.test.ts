/**
 * A search's sub-selects read the tables' stored columns, never `t.*` (whose generated columns'
 * expressions SQLite writes into the statement once per sub-select): the list must stay the
 * tables' own, and a tie of many hubs at one place must still be one statement D1 can run.
 */
import { describe, expect, it } from 'vitest';
import { STORED_COLUMNS } from '../../src/modules/search/search.statements';
import { db, makerWithHub } from '../helpers';
import { addHub, addListings, allPages } from '../search-helpers';

describe('the columns a search reads', () => {
  it('are every stored column of listings and requests, and no generated one', async () => {
    for (const table of ['listings', 'requests'] as const) {
      const { results } = await db
        .prepare(`SELECT name FROM pragma_table_info(?1)`)
        .bind(table)
        .all<{ name: string }>();
      expect([...STORED_COLUMNS[table]].sort(), table).toEqual(results.map((r) => r.name).sort());
    }
  });

  it('pages words and filters over a tie of 45 hubs at one place', async () => {
    const m = await makerWithHub({ lat: 60.9, lon: 11.9 });
    const by = m.me.user.id;
    for (let i = 0; i < 45; i++) {
      const id = await addHub(`columns-tie-${i}`, 60.5, 11.5, by);
      await addListings(id, by, 3, {
        title: 'Slate tile board',
        category: 'hardwood',
        kind: 'reclaimed',
        condition: 'used',
        price: 'swap',
        sizeMm: [900, 500],
      });
      await addListings(id, by, 2, { title: 'Slate tile board', category: 'pla' });
    }
    const q =
      'q=slate%20tile%20board&near=60.5,11.51&category=solid-wood&kind=reclaimed&condition=used&price=swap&fits=600x400';
    for (const limit of [7, 50]) {
      const { items } = await allPages(`/listings?${q}`, limit);
      expect(items.length, `by ${limit}`).toBe(135);
      expect(new Set(items.map((i) => i.id)).size).toBe(135);
      expect(items.every((i) => i.category === 'hardwood' && i.kind === 'reclaimed')).toBe(true);
    }
  }, 240_000);
});
