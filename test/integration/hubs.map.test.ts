import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZHubMap } from '../../src/shared/hubs.schemas';
import { hubMap } from '../../src/modules/hubs/hubs.service';
import { MAP_ONE_BY_ONE } from '../../src/modules/hubs/hubs.domain';
import { call, createHub, db, expectError, expectJson, signup } from '../helpers';
import { recordingDb } from '../matching-helpers';

const NOW = '2026-06-01T10:00:00.000Z';
const ZMap = ZHubMap.extend({ hubs: z.array(ZHubMap.shape.hubs.element.strict()) });

async function mapOf(query: string) {
  return expectJson(await call(`/hub-map${query ? `?${query}` : ''}`), 200, ZMap);
}

/** The message `GET /hub-map` refuses this query string with, for its one field. */
async function refused(query: string, field: string, lang: string): Promise<string> {
  const res = await call(`/hub-map?${query}`, { headers: { 'accept-language': lang } });
  const body = await expectError(res, 422, 'VALIDATION_FAILED', [field]);
  return body.error.details!.fields![0]!.message;
}

/** hub_map_cells as the migration computes it from the hubs table: what the triggers must keep. */
const RECOMPUTED = `
  SELECT l.value AS level,
    (CAST((h.lat + 90) * 10 AS INTEGER) >> l.value) * 4000 + (CAST((h.lon + 180) * 10 AS INTEGER) >> l.value) AS cell,
    count(*) AS hubs, sum(CAST(round(h.lat * 1000000) AS INTEGER)) AS lat_e6,
    sum(CAST(round(h.lon * 1000000) AS INTEGER)) AS lon_e6, sum(h.id) AS id_sum
  FROM hubs h, json_each('[1,2,3,4,5,6,7,8]') l GROUP BY 1, 2 ORDER BY 1, 2`;
const KEPT = 'SELECT level, cell, hubs, lat_e6, lon_e6, id_sum FROM hub_map_cells ORDER BY 1, 2';

async function expectCellsKept() {
  const kept = (await db.prepare(KEPT).all()).results;
  expect(kept.length).toBeGreaterThan(0);
  expect(kept).toEqual((await db.prepare(RECOMPUTED).all()).results);
}

/** `count` hubs on a grid of 0.1° from (lat, lon), `across` to a row, written by one statement as a seed would. */
async function gridOfHubs(prefix: string, count: number, at: { lat: number; lon: number }, across: number) {
  await db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?1 - 1)
       INSERT INTO hubs (slug, name, city, country, kind, lat, lon, created_at, updated_at)
       SELECT ?2 || '-' || i, 'Grid ' || ?2 || ' ' || i, 'Town', 'NZ', 'fab_lab',
              round(?3 + (i / CAST(?5 AS INTEGER)) * 0.1, 4), round(?4 + (i % CAST(?5 AS INTEGER)) * 0.1, 4), ?6, ?6 FROM n`,
    )
    .bind(count, prefix, at.lat, at.lon, across, NOW)
    .run();
}

describe('a map of every hub, a view at a time', () => {
  it('shows a network of a few hubs one by one, by name, with how many there are and the box round them', async () => {
    const maker = await signup();
    await createHub(maker.session, { name: 'zinc Works', city: 'Gent', lat: 51.0543, lon: 3.7174 });
    await createHub(maker.session, { name: 'Atelier <b>Bois</b>', city: 'Liège', lat: 50.63, lon: 5.57 });
    const all = await db.prepare('SELECT count(*) AS n FROM hubs').first<{ n: number }>();
    expect(all!.n).toBeLessThanOrEqual(MAP_ONE_BY_ONE);

    const map = await mapOf('');
    expect(map.network!.hubs).toBe(all!.n);
    expect(map.network!.extent).toEqual(
      await db
        .prepare('SELECT min(lat) AS south, min(lon) AS west, max(lat) AS north, max(lon) AS east FROM hubs')
        .first(),
    );
    // Every hub, one by one, by name whatever its case; names as the table holds them.
    const { results } = await db
      .prepare('SELECT slug FROM hubs ORDER BY lower(name), id')
      .all<{ slug: string }>();
    expect(map.hubs.map((h) => h.slug)).toEqual(results.map((r) => r.slug));
    expect(map.clusters).toEqual([]);
    expect(map.hubs.find((h) => h.city === 'Liège')!.name).toBe('Atelier <b>Bois</b>');
    await expectCellsKept();

    // A view of one region: the hubs in it only, and no count of the network.
    const gent = await mapOf('bbox=50.9,3.5,51.2,3.9');
    expect(gent.network).toBeNull();
    expect(gent.hubs.map((h) => h.name)).toContain('zinc Works');
    expect(gent.hubs.every((h) => h.lat >= 50.9 && h.lat <= 51.2 && h.lon >= 3.5 && h.lon <= 3.9)).toBe(true);
  });

  it('draws a view holding many hubs as clusters counted from the cells the triggers keep, reading a row a cell', async () => {
    // 400 hubs on a grid round Christchurch (each in the middle of a cell of 0.1°), and three hubs
    // alone in their cells further south.
    await gridOfHubs('nz-grid', 400, { lat: -43.95, lon: 171.05 }, 20);
    const maker = await signup();
    for (const [name, lat, lon] of [
      ['Dunedin Fab', -45.87, 170.5],
      ['Invercargill Shed', -46.41, 168.35],
      ['Gore Makers', -46.1, 168.94],
    ] as const)
      await createHub(maker.session, { name, city: 'Otago', lat, lon });
    await expectCellsKept();

    const bbox = { south: -47, west: 166, north: -41, east: 175 };
    const rec = recordingDb();
    const map = await hubMap({ db: rec.db, now: () => new Date() }, { bbox, columns: 10 });
    expect(map.network).toBeNull();
    // Every hub of the view is in a cluster or drawn on its own, once.
    const inView = await db
      .prepare('SELECT count(*) AS n FROM hubs WHERE lat BETWEEN ?1 AND ?2 AND lon BETWEEN ?3 AND ?4')
      .bind(bbox.south, bbox.north, bbox.west, bbox.east)
      .first<{ n: number }>();
    expect(inView!.n).toBe(403);
    expect(map.clusters.reduce((n, c) => n + c.hubs, 0) + map.hubs.length).toBe(403);
    expect(map.clusters.length).toBeGreaterThan(1);
    // Each cluster: the hubs its cell holds, at their centre.
    for (const c of map.clusters) {
      const held = await db
        .prepare(
          `SELECT count(*) AS n, avg(lat) AS lat, avg(lon) AS lon FROM hubs
           WHERE lat >= ?1 AND lat < ?2 AND lon >= ?3 AND lon < ?4`,
        )
        .bind(c.south, c.north, c.west, c.east)
        .first<{ n: number; lat: number; lon: number }>();
      expect(c.hubs, JSON.stringify(c)).toBe(held!.n);
      expect(c.lat).toBeCloseTo(held!.lat, 5);
      expect(c.lon).toBeCloseTo(held!.lon, 5);
      // Cells of 1.6° here (a view of 9° in about ten cells).
      expect(c.north - c.south).toBeCloseTo(1.6, 6);
    }
    // The hubs alone in their cells are drawn as themselves, by name.
    expect(map.hubs.map((h) => h.name)).toEqual(['Dunedin Fab', 'Gore Makers', 'Invercargill Shed']);
    // Three statements at most, a row read a cell or hub drawn, not the 400 hubs.
    expect(rec.log.length).toBeLessThanOrEqual(3);
    const read = rec.log.reduce((n, s) => n + s.rowsRead, 0);
    expect(read).toBeLessThanOrEqual(2 * (map.clusters.length + map.hubs.length) + 50);

    // Zoomed in (a view of 1°): the grid's hubs of that view one by one, from the hubs' own cells.
    const near = await mapOf('bbox=-44,171,-43.01,171.99');
    expect(near.clusters).toEqual([]);
    expect(near.hubs).toHaveLength(100);
    expect(
      near.hubs.filter((h) => !(h.lat >= -44 && h.lat <= -43.01 && h.lon >= 171 && h.lon <= 171.99)),
    ).toEqual([]);
    expect(near.hubs.every((h) => h.lat >= -44 && h.lat <= -43.01 && h.lon >= 171 && h.lon <= 171.99)).toBe(
      true,
    );

    // A view holding few of them, however wide, shows them one by one too.
    const south = await mapOf('bbox=-47,160,-45.3,179');
    expect(south.clusters).toEqual([]);
    expect(south.hubs.map((h) => h.name)).toEqual(['Dunedin Fab', 'Gore Makers', 'Invercargill Shed']);
  }, 120_000);

  it('keeps the cells as hubs are created, moved and removed, by the API or by any statement', async () => {
    const maker = await signup();
    const hub = await createHub(maker.session, { name: 'Mover', city: 'Brugge', lat: 51.21, lon: 3.22 });
    await expectCellsKept();
    const moved = await call(`/hubs/${hub.slug}`, {
      method: 'PATCH',
      session: maker.session,
      body: { lat: 60.39, lon: 5.32 },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    await expectCellsKept();
    const map = await mapOf('bbox=60,5,61,6');
    expect(map.hubs.map((h) => h.slug)).toEqual([hub.slug]);
    expect((await mapOf('bbox=51,3,51.5,3.5')).hubs.map((h) => h.slug)).not.toContain(hub.slug);

    // A statement that changes no place leaves the cells as they are.
    await db.prepare("UPDATE hubs SET name = 'Moved' WHERE slug = ?1").bind(hub.slug).run();
    await expectCellsKept();
    // A hub written and removed by bare SQL (an import, a clean-up): out of every level's cells,
    // and a cell left empty is gone.
    await db
      .prepare('DELETE FROM hub_counts WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)')
      .bind(hub.slug)
      .run();
    await db
      .prepare('DELETE FROM memberships WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)')
      .bind(hub.slug)
      .run();
    await gridOfHubs('bergen', 1, { lat: 60.39, lon: 5.33 }, 1);
    await expectCellsKept();
    const bergenCell = `SELECT count(*) AS n FROM hub_map_cells WHERE level = 1
      AND cell = (CAST((60.39 + 90) * 10 AS INTEGER) >> 1) * 4000 + (CAST((5.33 + 180) * 10 AS INTEGER) >> 1)`;
    expect(await db.prepare(bergenCell).first()).toEqual({ n: 1 });
    await db.batch([
      db.prepare("DELETE FROM hub_counts WHERE hub_id = (SELECT id FROM hubs WHERE slug = 'bergen-0')"),
      db.prepare("DELETE FROM hubs WHERE slug = 'bergen-0'"),
    ]);
    await expectCellsKept();
    expect(await db.prepare(bergenCell).first()).toEqual({ n: 1 });
    await db.prepare('DELETE FROM hubs WHERE slug = ?1').bind(hub.slug).run();
    await expectCellsKept();
    expect(await db.prepare(bergenCell).first()).toEqual({ n: 0 });
    await expectCellsKept();
    expect((await mapOf('bbox=60,5,61,6')).hubs).toEqual([]);
    expect(await db.prepare('SELECT count(*) AS n FROM hub_map_cells WHERE hubs <= 0').first()).toEqual({
      n: 0,
    });
  });

  it('reads a view across the antimeridian', async () => {
    const maker = await signup();
    await createHub(maker.session, { name: 'Taveuni East', city: 'Taveuni', lat: -16.8, lon: 179.95 });
    await createHub(maker.session, { name: 'Taveuni West', city: 'Taveuni', lat: -16.7, lon: -179.95 });
    await createHub(maker.session, { name: 'Far Away', city: 'Suva', lat: -16.75, lon: 170 });
    const map = await mapOf('bbox=-17.5,179,-16,-179');
    expect(map.hubs.map((h) => h.name)).toEqual(['Taveuni East', 'Taveuni West']);
  });

  it('refuses a view it cannot read, naming the field in the person’s language', async () => {
    expect(await refused('bbox=51,3', 'bbox', 'en')).toMatch(/^Map view: SOUTH,WEST,NORTH,EAST/);
    expect(await refused('bbox=abc', 'bbox', 'nl')).toMatch(/^Kaartvenster: verwacht ZUID,WEST,NOORD,OOST/);
    expect(await refused('bbox=91,3,92,4', 'bbox', 'fr')).toMatch(/^Vue de la carte : latitude ou longitude/);
    expect(await refused('bbox=52,3,51,4', 'bbox', 'en')).toMatch(/south above the north/);
    expect(await refused('bbox=50,181,51,4', 'bbox', 'en')).toMatch(/out of range/);
    expect(await refused('columns=1', 'columns', 'en')).toMatch(/^Cells across: /);
    expect(await refused('columns=25', 'columns', 'nl')).toMatch(/^Vakken in de breedte: /);
  });
});
