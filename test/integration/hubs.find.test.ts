import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZHubPage, ZHubSummary } from '../../src/shared/hubs.schemas';
import { cityNamesOf, citySpellings } from '../../src/shared/places';
import { listHubSummaries } from '../../src/modules/hubs/hubs.service';
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

  it('reads at most 50 of the hubs a word holds for a picker, however many hold it, and finds the rest as more is typed', async () => {
    // 400 hubs holding "Wide", written in an order that is not their names' (ids run 1 → 400,
    // names in reverse), so the first 50 found are not the first 50 by name.
    await db
      .prepare(
        `INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
         SELECT 'wide-' || i, 'Wide ' || printf('%03d', 401 - i), 'Bergen', 'NO', 'fab_lab', 60.39, 5.32,
                '2026-01-01', '2026-01-01' FROM n`,
      )
      .run();
    const deps = (d: D1Database) => ({ db: d, now: () => new Date() });
    for (const limit of [9, 20]) {
      const rec = recordingDb();
      const hubs = await listHubSummaries(deps(rec.db), { q: 'wide', limit });
      // A page by name, of the hubs read: the first 50 found (ids 1 → 50: Wide 400 → Wide 351).
      expect(hubs.map((h) => h.name)).toEqual(
        Array.from({ length: limit }, (_, k) => `Wide ${String(351 + k).padStart(3, '0')}`),
      );
      expect(rec.log).toHaveLength(1);
      // 50 index entries and 50 hubs (and the sort), not 400 of each.
      expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(3 * 50 + 10);
    }
    // Typing more finds any of them, by name among every hub it holds.
    expect((await listHubSummaries(deps(db), { q: 'wide 007' })).map((h) => h.name)).toEqual(['Wide 007']);
    expect((await found('q=wide%2000&limit=5')).length).toBe(5);
    expect(await found('q=wide%2000&limit=5')).toEqual([
      'Wide 001',
      'Wide 002',
      'Wide 003',
      'Wide 004',
      'Wide 005',
    ]);
    // A page of 100 reads twice that many at most.
    const rec = recordingDb();
    expect(await listHubSummaries(deps(rec.db), { q: 'wide', limit: 100 })).toHaveLength(100);
    expect(rec.log[0]!.rowsRead).toBeLessThanOrEqual(3 * 200 + 10);
  });

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
