/**
 * Words and a place read from the hub-ordered full-text indexes (migration 0048): each hub's titles
 * and whole rows are ranges of rowids, newest first, each ending with the hub's end marker. The
 * index must follow every write (new rows, edits of the words, a move to another hub, a new hub),
 * the marker must never be shown or found, requests must be read the same way, and a page must
 * cost a statement for the hubs and one for the page however many hubs are in reach.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { hubRings } from '../../src/modules/hubs/hubs.service';
import { FIRST_RING_CELLS_WITH_WORDS } from '../../src/modules/search/search.service';
import { HUB_END_WORD, toFtsQuery } from '../../src/modules/search/search.domain';
import {
  buildSearchSql,
  hubBands,
  relevanceBands,
  runSearch,
  type SearchSqlOptions,
} from '../../src/modules/search/search.statements';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZListingPage, ZRequestPage } from '../../src/shared/search.schemas';
import { call, createListing, db, expectJson, makerWithHub } from '../helpers';
import { recordingDb } from '../matching-helpers';
import { SEEDED_AT, addHub, addListings, hubsInReach, idsInRange } from '../search-helpers';

const NOW = SEEDED_AT;

const hubId = async (slug: string) =>
  (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;

/** The ids of a hub's range (its titles or its whole rows) that a query matches. */
const inRange = (table: 'listings' | 'requests', hub: number, whole: boolean, query: string) =>
  idsInRange(`${table}_hub_fts`, hub, whole, query);

describe('the hub-ordered full-text index', () => {
  it('follows every write: a new listing, its words edited, a move to another hub, a new hub', async () => {
    const m = await makerWithHub({ lat: 69.65, lon: 18.96 }); // Tromsø
    const hub = await hubId(m.hub.slug);
    // A new hub has its two end markers, one per range.
    expect(await inRange('listings', hub, false, HUB_END_WORD)).toEqual([0]);
    expect(await inRange('listings', hub, true, HUB_END_WORD)).toEqual([0]);
    expect(await inRange('requests', hub, true, HUB_END_WORD)).toEqual([0]);

    const l = await createListing(m.session, m.hub.slug, {
      title: 'Walnut board',
      description: 'from a table top',
      category: 'solid-wood',
    });
    // Its title alone in the titles' range; title, category names and description in the other.
    expect(await inRange('listings', hub, false, 'walnut')).toEqual([l.id]);
    expect(await inRange('listings', hub, false, 'table')).toEqual([]);
    expect(await inRange('listings', hub, true, 'walnut')).toEqual([l.id]);
    expect(await inRange('listings', hub, true, 'table')).toEqual([l.id]);
    expect(await inRange('listings', hub, true, '{search_terms} : hout')).toEqual([l.id]);

    const near = `near=69.65,18.96&radius_km=5`;
    const found = async (q: string) =>
      (await expectJson(await call(`/listings?q=${q}&${near}`), 200, ZListingPage)).items.map((i) => i.id);
    expect(await found('walnut')).toEqual([l.id]);

    const edited = await call(`/listings/${l.id}`, {
      session: m.session,
      method: 'PATCH',
      body: { title: 'Cherry board', description: 'from a bench', category: 'glass' },
    });
    await expectJson(edited, 200, ZListing);
    expect(await inRange('listings', hub, false, 'walnut')).toEqual([]);
    expect(await inRange('listings', hub, true, 'walnut OR table OR hout')).toEqual([]);
    expect(await inRange('listings', hub, false, 'cherry')).toEqual([l.id]);
    expect(await inRange('listings', hub, true, 'bench AND glas*')).toEqual([l.id]);
    expect(await found('walnut')).toEqual([]);
    expect(await found('cherry')).toEqual([l.id]);

    // A move to another hub (as an import or a merge of hubs would): the rows follow it.
    const other = await addHub('hubindex-other', 69.66, 18.97, m.me.user.id);
    await db.prepare('UPDATE listings SET hub_id = ?1 WHERE id = ?2').bind(other, l.id).run();
    expect(await inRange('listings', hub, false, 'cherry')).toEqual([]);
    expect(await inRange('listings', other, false, 'cherry')).toEqual([l.id]);
    expect(await inRange('listings', other, true, 'cherry')).toEqual([l.id]);
    expect(await inRange('listings', other, true, HUB_END_WORD)).toEqual([0]);
    const page = await expectJson(await call(`/listings?q=cherry&${near}`), 200, ZListingPage);
    expect(page.items.map((i) => [i.id, i.hub.slug])).toEqual([[l.id, 'hubindex-other']]);

    for (const t of ['listings_hub_fts', 'requests_hub_fts'])
      await db.prepare(`INSERT INTO ${t} (${t}) VALUES ('integrity-check')`).run();
  });

  it('never shows the end marker, and its word typed finds nothing', async () => {
    const m = await makerWithHub({ lat: 69.3, lon: 16.1 });
    await createListing(m.session, m.hub.slug, { title: 'Oak beam' });
    for (const path of ['/listings', '/requests']) {
      for (const q of [HUB_END_WORD, 'omloophub', `oak ${HUB_END_WORD}`]) {
        const res = await call(`${path}?q=${encodeURIComponent(q)}&near=69.3,16.1&radius_km=10`);
        const page = await expectJson(res, 200, path === '/listings' ? ZListingPage : ZRequestPage);
        // With another word, the marker's word is one no listing holds: left out, as any such word.
        const oakHere = path === '/listings' && q.startsWith('oak');
        expect(
          page.items.map((i) => i.title),
          `${path} ${q}`,
        ).toEqual(oakHere ? ['Oak beam'] : []);
        if (oakHere) expect(page.wordsLeftOut).toEqual([HUB_END_WORD]);
      }
    }
    const oak = await expectJson(
      await call('/listings?q=oak&near=69.3,16.1&radius_km=10'),
      200,
      ZListingPage,
    );
    expect(oak.items.map((i) => i.title)).toEqual(['Oak beam']);
  });

  it('reads each band of a hub with the end marker as without it, the marker aside', async () => {
    // The marker only stops FTS5 at the end of the hub's range (it checks rowid bounds at a match
    // only): a time the bench shows, not D1's rows_read. Here: it changes no band's rows.
    const m = await makerWithHub({ lat: 68.4, lon: 17.4 });
    const by = m.me.user.id;
    const first = await addHub('hubindex-end-a', 68.41, 17.41, by);
    const after = await addHub('hubindex-end-b', 68.42, 17.42, by);
    await addListings(first, by, 3, { title: 'Pane', category: 'glass' });
    await addListings(first, by, 2, { title: 'Glass pane', category: 'other' });
    await addListings(first, by, 2, { title: 'Offcut', description: 'glass and a pane', category: 'other' });
    await addListings(first, by, 2, { title: 'Cork', category: 'other' });
    await addListings(after, by, 200, { title: 'Pane', category: 'glass' });
    const range = (hub: number, whole: boolean, query: string) => inRange('listings', hub, whole, query);
    for (const words of ['glas', 'pane', 'glass pane', 'cork', 'pane cork']) {
      const fts = toFtsQuery(words)!;
      const plain = relevanceBands(fts);
      const marked = hubBands(fts);
      for (const hub of [first, after])
        for (let band = 0; band < 3; band++) {
          const read = await range(hub, !marked[band]!.titles, marked[band]!.match);
          if (marked[band]!.match.includes(HUB_END_WORD)) expect(read.pop(), `${words} band ${band}`).toBe(0); // the marker, last
          expect(read, `${words} band ${band}`).toEqual(await range(hub, true, plain[band]!));
        }
    }
    expect((await range(first, true, relevanceBands(toFtsQuery('glass pane')!)[0]!)).length).toBe(2);
  });

  it('reads a page in two statements however many hubs are in reach', async () => {
    const m = await makerWithHub({ lat: 70.9, lon: 25.7 });
    const by = m.me.user.id;
    const point = { lat: 70.66, lon: 23.68 }; // Hammerfest
    // 160 hubs within about 20 km: the word in the titles of the farthest only, in the
    // descriptions of every other (the last band), so the first band is read in every hub.
    const ids: number[] = [];
    for (let i = 0; i < 160; i++) {
      const r = 0.01 + (i / 160) * 0.15;
      const a = i * 2.399963;
      const id = await addHub(
        `hubindex-many-${i}`,
        point.lat + r * Math.sin(a),
        point.lon + 2 * r * Math.cos(a),
        by,
      );
      ids.push(id);
      await addListings(id, by, 3, {
        title: i === 159 ? 'Spruce plank' : 'Plank',
        description: i === 159 ? '' : 'a spruce offcut',
        category: 'solid-wood',
      });
    }
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const inReach = await hubsInReach(deps, point, 25);
    expect(inReach.length).toBeGreaterThanOrEqual(160);
    const base: SearchSqlOptions = {
      table: 'listings',
      select: 'h.slug AS hub_slug',
      joins: 'JOIN hubs h ON h.id = t.hub_id',
      where: [{ sql: "t.status = 'active'", values: [] }],
      fts: toFtsQuery('spruce'),
      hubDistances: new Map(inReach.map((h) => [h.id, h.metres])),
      sort: 'relevance',
      cursor: null,
      limit: 10,
    };
    const general = buildSearchSql({ ...base, limit: 1000 });
    const everything = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number; rank: number }>()
    ).results;
    expect(everything.length).toBe(480);

    const rec = recordingDb();
    const rows = await runSearch<{ id: number; hub_slug: string }>(rec.db, {
      ...base,
      hubDistances: null,
      // As the service reads with words: a first square of 8 cells, past this radius.
      rings: hubRings(
        { db: rec.db, now: () => new Date(NOW) } as Deps,
        point,
        25,
        undefined,
        FIRST_RING_CELLS_WITH_WORDS,
      ),
    });
    expect(rows.map((r) => r.id)).toEqual(everything.slice(0, 11).map((r) => r.id));
    expect(rows.slice(0, 3).every((r) => r.hub_slug === 'hubindex-many-159')).toBe(true);
    // One statement for the radius's hubs, one for the page: no statement per 30 hubs.
    expect(rec.log).toHaveLength(2);

    // Two words: the best band's query is an AND, so it carries the hubs' end marker, which each
    // hub without both words in a title reaches. The marker lies past the last rowid a page reads
    // (`RANGE_LAST`): no row is looked up for it, where every hub passed cost a row read.
    const two = recordingDb();
    const twoRows = await runSearch<{ id: number; hub_slug: string }>(two.db, {
      ...base,
      fts: toFtsQuery('spruce plank'),
      hubDistances: null,
      rings: hubRings(
        { db: two.db, now: () => new Date(NOW) } as Deps,
        point,
        25,
        undefined,
        FIRST_RING_CELLS_WITH_WORDS,
      ),
    });
    expect(twoRows.slice(0, 3).every((r) => r.hub_slug === 'hubindex-many-159')).toBe(true);
    const pageOf = (r: ReturnType<typeof recordingDb>) => r.log[r.log.length - 1]!;
    // The same rows as one word's page (with the marker looked up: 998 against 837).
    expect(pageOf(two).returned).toBe(pageOf(rec).returned);
    expect(pageOf(two).rowsRead).toBeLessThanOrEqual(pageOf(rec).rowsRead + 10);
  }, 120_000);

  it('reads requests the same way: best match, then distance, then newest, through pages', async () => {
    const m = await makerWithHub({ lat: 67.28, lon: 14.4 }); // Bodø
    const by = m.me.user.id;
    const point = { lat: 67.28, lon: 14.4 };
    const hubs = [
      await addHub('hubindex-req-a', 67.29, 14.41, by),
      await addHub('hubindex-req-b', 67.31, 14.45, by),
      await addHub('hubindex-req-c', 67.35, 14.5, by),
    ];
    const add = (hub: number, title: string, description: string, category: string) =>
      db
        .prepare(
          `INSERT INTO requests (hub_id, author_id, title, description, category, quantity_milli, unit,
             fetch_radius_km, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, 1000, 'sheets', 50, ?6, ?6) RETURNING id`,
        )
        .bind(hub, by, title, description, category, NOW)
        .first<{ id: number }>();
    for (const [i, hub] of hubs.entries()) {
      await add(hub, `Felt sheets ${i}`, '', 'textiles');
      await add(hub, `Offcuts wanted ${i}`, 'some felt will do', 'other');
      await add(hub, `Wool ${i}`, '', 'textiles'); // the category's names may hold "felt"
      await add(hub, `Felt rolls ${i}`, '', 'textiles');
    }
    const deps = { db, now: () => new Date(NOW) } as Deps;
    const inReach = await hubsInReach(deps, point, 20);
    const general = buildSearchSql({
      table: 'requests',
      select: '1 AS one',
      joins: '',
      where: [{ sql: "t.status = 'open'", values: [] }],
      fts: toFtsQuery('felt'),
      hubDistances: new Map(inReach.map((h) => [h.id, h.metres])),
      sort: 'relevance',
      cursor: null,
      limit: 100,
    });
    const expected = (
      await db
        .prepare(general.sql)
        .bind(...general.values)
        .all<{ id: number; rank: number }>()
    ).results;
    expect(expected.length).toBeGreaterThanOrEqual(9);
    expect(new Set(expected.map((r) => r.rank))).toContain(2);
    for (const limit of [1, 2, 4]) {
      const ids: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/requests?q=felt&near=${point.lat},${point.lon}&radius_km=20&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await expectJson(await call(url), 200, ZRequestPage);
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids, `by ${limit}`).toEqual(expected.map((r) => r.id));
    }
  }, 60_000);
});
