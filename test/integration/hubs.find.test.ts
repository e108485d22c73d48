import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZHubPage, ZHubSummary } from '../../src/shared/hubs.schemas';
import { cityNamesOf, citySpellings } from '../../src/shared/places';
import { listHubs, listHubSummaries } from '../../src/modules/hubs/hubs.service';
import { call, createHub, db, expectError, expectJson, signup } from '../helpers';
import { recordingDb } from '../matching-helpers';

const ZSummaries = z.object({ items: z.array(ZHubSummary.strict()) });
const HOSTILE = '<img src=x onerror=alert(1)> "Fab" & Co';

/** The names of the hubs `GET /hub-summaries` gives for this query string, in its order. */
async function found(query: string, lang = 'en'): Promise<string[]> {
  const res = await call(`/hub-summaries?${query}`, { headers: { 'accept-language': lang } });
  return (await expectJson(res, 200, ZSummaries)).items.map((h) => h.name);
}

/** The message `GET /hub-summaries` refuses this query string with, for its one field. */
/** `n` hubs holding a word, written in turn and named in reverse: "Wide 400" → "Wide 001". */
async function hubsHolding(word: string, n: number) {
  await db
    .prepare(
      `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
       SELECT lower(?2) || '-' || i, ?2 || ' ' || printf('%03d', ?1 + 1 - i), 'Bergen', 'NO', 'fab_lab', 60.39, 5.32,
              '2026-01-01', '2026-01-01' FROM n`,
    )
    .bind(n, word)
    .run();
}

async function refused(query: string, field: string, lang: string): Promise<string> {
  const res = await call(`/hub-summaries?${query}`, { headers: { 'accept-language': lang } });
  const body = await expectError(res, 422, 'VALIDATION_FAILED', [field]);
  return body.error.details!.fields![0]!.message;
}

describe('finding hubs by the words of their name and city', () => {
  it('finds hubs by a start of each word, their city in three languages, accents folded, never the words as syntax', async () => {
    const maker = await signup();
    const at = { lat: 51.0543, lon: 3.7174 };
    await createHub(maker.session, { name: 'Fablab Zuid', city: 'Gent', ...at, slug: 'fablab-zuid' });
    await createHub(maker.session, { name: 'Atelier Bois', city: 'Liège', lat: 50.63, lon: 5.57 });
    await createHub(maker.session, { name: HOSTILE, city: 'Bruxelles', lat: 50.85, lon: 4.35 });
    await createHub(maker.session, { name: 'Gentle Makers', city: 'Tromsø', lat: 69.65, lon: 18.96 });
    await createHub(maker.session, { name: 'zinc Works', city: 'Hasselt', lat: 50.93, lon: 5.34 });

    // The city's names in Dutch, French and English, whatever the hub's manager typed.
    for (const q of ['gent', 'gand', 'ghent', 'GENT'])
      expect(await found(`q=${q}`), q).toEqual(
        q.toLowerCase() === 'gand' || q === 'ghent' ? ['Fablab Zuid'] : ['Fablab Zuid', 'Gentle Makers'],
      );
    expect(await found('q=luik')).toEqual(['Atelier Bois']);
    expect(await found('q=liege')).toEqual(['Atelier Bois']);
    expect(await found(`q=${encodeURIComponent('liège')}`)).toEqual(['Atelier Bois']);
    expect(await found('q=brussels')).toEqual([HOSTILE]);
    expect(await found('q=troms')).toEqual(['Gentle Makers']);
    // Each word the start of a word, all of them: "fab zu" is one hub, "fab" two (by name).
    expect(await found('q=fab%20zu')).toEqual(['Fablab Zuid']);
    // Compatibility forms typed (full-width letters, as a Japanese keyboard gives) are the letters.
    expect(await found(`q=${encodeURIComponent('Ｆａｂ ｚｕ')}`)).toEqual(['Fablab Zuid']);
    expect(await found('q=fab')).toEqual([HOSTILE, 'Fablab Zuid']);
    expect(await found('q=zuid%20bois')).toEqual([]);
    // By name whatever its case, and at most `limit`.
    expect(await found('q=gent&limit=1')).toEqual(['Fablab Zuid']);
    expect(await found('q=hasselt')).toEqual(['zinc Works']);
    // What is typed is words, never the index's syntax: quotes, operators, columns, stars.
    expect(await found(`q=${encodeURIComponent('"fab')}`)).toEqual([HOSTILE, 'Fablab Zuid']);
    expect(await found(`q=${encodeURIComponent('fab OR bois')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('name:gentle')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('NEAR(fab zuid) *')}`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('onerror alert')}`)).toEqual([HOSTILE]);
    expect(await found(`q=${encodeURIComponent('!!! ***')}`)).toEqual([]);
    // The hubs at a point, and one hub by its slug.
    expect(await found(`at=${at.lat},${at.lon}`)).toEqual(['Fablab Zuid']);
    expect(await found('at=51.0544,3.7174')).toEqual([]);
    expect(await found('slug=fablab-zuid')).toEqual(['Fablab Zuid']);
    // Every hub without a filter.
    expect(await found('')).toHaveLength(5);

    // The directory finds the same hubs, with their counts, a page at a time.
    const first = await expectJson(await call('/hubs?q=gent&limit=1'), 200, ZHubPage);
    expect(first.items.map((h) => h.name)).toEqual(['Fablab Zuid']);
    const next = await expectJson(
      await call(`/hubs?q=gent&limit=1&cursor=${first.nextCursor}`),
      200,
      ZHubPage,
    );
    expect(next.items.map((h) => h.name)).toEqual(['Gentle Makers']);
    expect(next.nextCursor).toBeNull();
    expect((await expectJson(await call('/hubs?q=gand'), 200, ZHubPage)).items.map((h) => h.name)).toEqual([
      'Fablab Zuid',
    ]);
    expect((await expectJson(await call('/hubs?q=%21%21'), 200, ZHubPage)).items).toEqual([]);

    // A renamed hub, or one that moved, is found by its new words only.
    const renamed = await call('/hubs/fablab-zuid', {
      session: maker.session,
      method: 'PATCH',
      body: { name: 'Houtatelier Noord', city: 'Anvers' },
    });
    expect(renamed.status).toBe(200);
    expect(await found('q=fab')).toEqual([HOSTILE]);
    expect(await found('q=antwerp%20hout')).toEqual(['Houtatelier Noord']);
    expect(await found('q=gent')).toEqual(['Gentle Makers']);
    const indexed = await db.prepare('SELECT count(*) AS n FROM hubs_fts').first<{ n: number }>();
    expect(indexed!.n).toBe(5);
  });

  it('names a bad place or an overlong text in the reader’s language, and writes nothing', async () => {
    const hubs = await db.prepare('SELECT count(*) AS n FROM hubs_fts').first<{ n: number }>();
    expect(await refused('at=91,3', 'at', 'nl')).toBe('Plek: breedte- of lengtegraad buiten bereik');
    expect(await refused('at=ici', 'at', 'fr')).toMatch(/^Endroit : /);
    expect(await refused(`q=${'a'.repeat(101)}`, 'q', 'en')).toMatch(/^Search text: /);
    expect(await refused('limit=0', 'limit', 'en')).toMatch(/^Number per page: /);
    expect(await refused('q=x&limit=101', 'limit', 'fr')).toMatch(/^Nombre par page : /);
    expect(await db.prepare('SELECT count(*) AS n FROM hubs_fts').first<{ n: number }>()).toEqual(hubs);
  });

  it('finds a hub whose city is typed in capitals with accents by the city’s other names', async () => {
    const maker = await signup();
    await createHub(maker.session, { name: 'Capitals Lab', city: ' LIÈGE ', lat: 50.64, lon: 5.57 });
    await createHub(maker.session, { name: 'Kapitalen Werkplaats', city: 'Liège', lat: 50.63, lon: 5.56 });
    for (const q of ['luik', 'liege', 'LIÈGE', 'liège'])
      expect(await found(`q=${encodeURIComponent(q)}`), q).toEqual(
        expect.arrayContaining(['Capitals Lab', 'Kapitalen Werkplaats']),
      );
    // Renamed by bare SQL (an import): indexed again with the new city's names.
    await db.prepare("UPDATE hubs SET city = 'ÉCAUSSINNES' WHERE name = 'Capitals Lab'").run();
    expect(await found('q=luik')).not.toContain('Capitals Lab');
    expect(await found('q=luik')).toContain('Kapitalen Werkplaats');
    expect(await found('q=ecaussinnes')).toEqual(['Capitals Lab']);
    await db.prepare("UPDATE hubs SET city = 'GAND' WHERE name = 'Capitals Lab'").run();
    expect(await found('q=ghent')).toContain('Capitals Lab');
  });

  it('reads the hubs that match, not the hubs table, however many hubs there are', async () => {
    const maker = await signup();
    // Sixty hubs written by one statement, as a seed or an import would.
    await db
      .prepare(
        `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
         SELECT 'spread-' || i, 'Spread ' || i, 'Oslo', 'NO', 'fab_lab', 59.9, 10.7, '2026-01-01', '2026-01-01' FROM n`,
      )
      .run();
    await createHub(maker.session, { name: 'Larch Collective', city: 'Gent' });
    await createHub(maker.session, { name: 'Larchwood Yard', city: 'Mons' });
    const rec = recordingDb();
    const hubs = await listHubSummaries({ db: rec.db, now: () => new Date() }, { q: 'larch', limit: 10 });
    expect(hubs.map((h) => h.name)).toEqual(['Larch Collective', 'Larchwood Yard']);
    expect(rec.log).toHaveLength(1);
    // Two matches: their index entries and their two hub rows, not 62 hubs.
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(12);
    // Triggers index hubs written by any statement, not only by the API's.
    expect(
      (await listHubSummaries({ db, now: () => new Date() }, { q: 'spread 42' })).map((h) => h.name),
    ).toEqual(['Spread 42']);
    expect(
      (await listHubSummaries({ db, now: () => new Date() }, { q: 'bergen' })).map((h) => h.name),
    ).toEqual(['Larchwood Yard']);
  });

  it('reads the first hubs by name of those a word holds for a picker, however many hold it', async () => {
    // 400 hubs holding "Wide", written in an order that is not their names' (ids run 1 → 400,
    // names in reverse): the index's order is the names', not the ids'.
    await hubsHolding('Wide', 400);
    const deps = (d: D1Database) => ({ db: d, now: () => new Date() });
    for (const limit of [9, 20, 100]) {
      const rec = recordingDb();
      const hubs = await listHubSummaries(deps(rec.db), { q: 'wide', limit });
      expect(hubs.map((h) => h.name)).toEqual(
        Array.from({ length: limit }, (_, k) => `Wide ${String(1 + k).padStart(3, '0')}`),
      );
      expect(rec.log).toHaveLength(1);
      // The page's hubs and the index's pages of entries, not 400 hubs.
      expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(2 * limit + 50);
    }
    // Typing more finds any of them.
    expect((await listHubSummaries(deps(db), { q: 'wide 337' })).map((h) => h.name)).toEqual(['Wide 337']);
    // Words with a slug or a point: that hub if it holds them, however far by name it lies.
    const rec = recordingDb();
    expect(
      (await listHubSummaries(deps(rec.db), { q: 'wide', slug: 'wide-1', limit: 9 })).map((h) => h.name),
    ).toEqual(['Wide 400']);
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(10);
    expect(await found('q=gand&slug=wide-1')).toEqual([]);
    expect(await found('q=wide%20400&at=60.39,5.32&limit=3')).toEqual(['Wide 400']);
    expect(await found('q=wide%2000&limit=5')).toEqual([
      'Wide 001',
      'Wide 002',
      'Wide 003',
      'Wide 004',
      'Wide 005',
    ]);
  });

  it('pages the directory found by words in name order, reading a page of hubs however many match', async () => {
    await hubsHolding('Broad', 400);
    const maker = await signup();
    // Names as people type them: cases and accents that NOCASE orders by their bytes.
    for (const name of ['broad awake lab', 'BROAD Open', 'Broad Épure', 'broad 200b'])
      await createHub(maker.session, { name, city: 'Gent' });
    const { results } = await db
      .prepare("SELECT name FROM hubs WHERE name LIKE 'broad%' ORDER BY name COLLATE NOCASE, id")
      .all<{ name: string }>();
    expect(results).toHaveLength(404);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const rec = recordingDb();
      const page = await listHubs(
        { db: rec.db, now: () => new Date() },
        { query: { q: 'broad', limit: 37, ...(cursor ? { cursor } : {}) }, viewerId: null },
      );
      seen.push(...page.items.map((h) => h.name));
      cursor = page.nextCursor;
      expect(rec.log).toHaveLength(1);
      // A page of 37 (and one more): its index entries, hubs and counts, not the 404 matches.
      expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(3 * 38 + 10);
    } while (cursor !== null);
    expect(seen).toEqual(results.map((r) => r.name));
    // The same through the API, signed out, in pages of 100.
    const first = await expectJson(await call('/hubs?q=broad&limit=100'), 200, ZHubPage);
    expect(first.items.map((h) => h.name)).toEqual(seen.slice(0, 100));
    const second = await expectJson(
      await call(`/hubs?q=broad&limit=100&cursor=${first.nextCursor}`),
      200,
      ZHubPage,
    );
    expect(second.items.map((h) => h.name)).toEqual(seen.slice(100, 200));
    // 400 hubs written and eleven pages read: a budget far above its need on a shared machine.
  }, 120_000);

  it('keeps each hub’s key in name order and the index keyed by it, whoever writes the hubs, in any order', async () => {
    /** Every hub's key follows its name, and the index holds each hub once, under its key. */
    async function expectKeysKept() {
      // Keys pass 2^53: compared in SQL, read as their position (key >> 20) and low bits.
      const byName = await db
        .prepare(
          `SELECT id, name, city, name_key >> 20 AS position, name_key & 1048575 AS low, CAST(name_key AS TEXT) AS k
           FROM hubs ORDER BY name COLLATE NOCASE, id`,
        )
        .all<{ id: number; name: string; city: string; position: number; low: number; k: string }>();
      const positions = byName.results.map((r) => r.position);
      expect(positions.every((p, i) => Number.isSafeInteger(p) && (i === 0 || p > positions[i - 1]!))).toBe(
        true,
      );
      // The low 20 bits: the hub's id.
      expect(byName.results.filter((r) => r.low !== r.id)).toEqual([]);
      const indexed = await db
        .prepare('SELECT CAST(rowid AS TEXT) AS k, name, place FROM hubs_fts ORDER BY rowid')
        .all<{ k: string; name: string; place: string }>();
      expect(indexed.results.map((r) => [r.k, r.name])).toEqual(byName.results.map((r) => [r.k, r.name]));
      for (const [i, r] of indexed.results.entries())
        expect(r.place.startsWith(byName.results[i]!.city)).toBe(true);
    }
    const insert = (names: string[]) =>
      db.batch(
        names.map((name) =>
          db
            .prepare(
              `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
               VALUES (?1, ?2, 'Gent', 'BE', 'fab_lab', 51.05, 3.72, '2026-01-01', '2026-01-01')`,
            )
            .bind(`k-${name.toLowerCase().replace(/\W+/g, '-')}`, name),
        ),
      );
    await insert(['Alpha', 'Omega']);
    // Between the same two neighbours, in name order and in reverse: each uses a gap up after
    // about 30, and every hub is numbered again, in the other bank (a key's bit 61).
    const banks = new Set<number>();
    for (let i = 0; i < 80; i++) {
      await insert([`Kappa ${String(i).padStart(2, '0')}`]);
      banks.add(
        (await db
          .prepare("SELECT name_key >> 61 AS b FROM hubs WHERE slug = 'k-alpha'")
          .first<{ b: number }>())!.b,
      );
    }
    expect([...banks].sort()).toEqual([0, 1]);
    await expectKeysKept();
    await insert(Array.from({ length: 80 }, (_, i) => `Gamma ${String(80 - i).padStart(2, '0')}`));
    await expectKeysKept();
    // Before the first and after the last.
    await insert(Array.from({ length: 40 }, (_, i) => `${String(40 - i).padStart(2, '0')} First`));
    await insert(Array.from({ length: 40 }, (_, i) => `Zulu ${String(i).padStart(2, '0')}`));
    await expectKeysKept();
    // Renamed by the API and by bare SQL, moved to another city, deleted.
    const maker = await signup();
    const hub = await createHub(maker.session, { name: 'Mid Lab', city: 'Gent' });
    await expectKeysKept();
    const renamed = await call(`/hubs/${hub.slug}`, {
      method: 'PATCH',
      session: maker.session,
      body: { name: 'Aardvark Works', city: 'Luik' },
    });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    await db.prepare("UPDATE hubs SET name = 'kappa 41b' WHERE slug = 'k-gamma-07'").run();
    await db.prepare("UPDATE hubs SET city = 'Mons' WHERE slug = 'k-kappa-03'").run();
    await db
      .prepare("DELETE FROM hub_counts WHERE hub_id = (SELECT id FROM hubs WHERE slug = 'k-kappa-04')")
      .run();
    await db.prepare("DELETE FROM hubs WHERE slug = 'k-kappa-04'").run();
    await expectKeysKept();
    expect(
      (await listHubSummaries({ db, now: () => new Date() }, { q: 'aardvark luik' })).map((h) => h.name),
    ).toEqual(['Aardvark Works']);
    expect(
      (await listHubSummaries({ db, now: () => new Date() }, { q: 'bergen kappa' })).map((h) => h.name),
    ).toEqual(['Kappa 03']);
    expect(await found('q=kappa%2004')).toEqual([]);
    expect(await found('q=gamma%2007')).toEqual([]);
    // About 300 statements (80 creations one at a time): a budget far above its need.
  }, 120_000);

  it('knows every city name places.ts knows, under each spelling, with and without accents', async () => {
    const { results } = await db
      .prepare('SELECT spelling, names FROM city_names')
      .all<{ spelling: string; names: string }>();
    const table = new Map(results.map((r) => [r.spelling, r.names]));
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    const expected = new Map<string, string[]>();
    for (const spelling of citySpellings())
      for (const s of [spelling.toLowerCase(), fold(spelling).toLowerCase()])
        expected.set(s, cityNamesOf(spelling)!);
    expect([...table.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [spelling, names] of expected)
      expect(table.get(spelling)!.split(' ').sort(), spelling).toEqual(names.join(' ').split(' ').sort());
  });
});
