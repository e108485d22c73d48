/**
 * Words no listing (or request) holds are left out when others remain, and the page says which
 * (`wordsLeftOut`): "gerecycleerd plastic" finds the plastic, as "plastic" does, in every order and
 * page after page. Words each held but never together, or none held, find nothing and leave out
 * nothing. Also: a Dutch compound of two names finds its parts, and the trade words makers type.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { searchListings } from '../../src/modules/listings/listings.service';
import { ZListingPage, ZListingSearch, ZRequestPage } from '../../src/shared/search.schemas';
import { call, db, expectJson } from '../helpers';
import { hideOk, moderatedHubs, restore } from '../inventory-helpers';
import { newArea, newListing, newRequest, recordingDb } from '../matching-helpers';
import { nearHub } from '../search-helpers';

type Page = { items: { id: number }[]; nextCursor: string | null; wordsLeftOut?: string[] };

/** Every item of a search, page after page of `limit`, each page with the same words left out. */
async function everyPage(path: string, limit: number, schema = ZListingPage) {
  const ids: number[] = [];
  const leftOut = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page = await expectJson(
      await call(`${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
      schema,
    );
    ids.push(...page.items.map((i) => i.id));
    leftOut.add(JSON.stringify(page.wordsLeftOut ?? null));
    cursor = page.nextCursor;
    expect(++pages).toBeLessThan(40);
  } while (cursor);
  expect(new Set(ids).size).toBe(ids.length);
  expect(leftOut.size, `${path}: every page leaves out the same words`).toBe(1);
  return { ids, wordsLeftOut: JSON.parse([...leftOut][0]!) as string[] | null };
}

async function twoHubs() {
  const makerAt = newArea();
  const ghent = (await makerAt('ghent'))!;
  const brussels = (await makerAt('brussels'))!;
  return { ghent, brussels, near: await nearHub(ghent.hub.slug) };
}

describe('words no listing holds are left out', () => {
  it('finds what the other words find, in every order, page after page, and names the words', async () => {
    const { ghent, brussels, near } = await twoHubs();
    const u = `kelp${Date.now().toString(36)}`;
    const made: number[] = [];
    for (const [p, n] of [
      [ghent, 3],
      [brussels, 2],
    ] as const)
      for (let i = 0; i < n; i++)
        made.push((await newListing(p.session, p.hub.slug, { title: `Panels ${u} ${i}` })).id);
    const nowhere = `zq${u}`;
    for (const order of [
      '',
      '&sort=newest',
      `&near=${near}`,
      `&near=${near}&sort=nearest`,
      `&near=${near}&radius_km=200&sort=newest`,
      `&hub=${brussels.hub.slug}`,
    ]) {
      const plain = await everyPage(`/listings?q=${u}${order}`, 50);
      expect(plain.wordsLeftOut, order).toBeNull();
      expect(plain.ids.length, order).toBeGreaterThanOrEqual(order.includes('hub=') ? 2 : 5);
      expect(made, order).toEqual(expect.arrayContaining(plain.ids));
      // The word found nowhere, before and after, with a little word: left out, as typed.
      for (const q of [`${nowhere}%20${u}`, `${u}%20de%20${nowhere.toUpperCase()}`]) {
        const relaxed = await everyPage(`/listings?q=${q}${order}`, 2);
        expect(relaxed.ids, `${q}${order}`).toEqual(plain.ids);
        expect(relaxed.wordsLeftOut, `${q}${order}`).toEqual([
          q.startsWith('zq') ? nowhere : nowhere.toUpperCase(),
        ]);
      }
    }
    // A name of several words is left out as one, as typed.
    const named = await everyPage(`/listings?q=${u}%20moteur%20pas%20%C3%A0%20pas`, 50);
    expect(named.wordsLeftOut).toEqual(['moteur pas à pas']);
    expect(named.ids).toHaveLength(5);
  });

  it('leaves out nothing when every word is held, or none is, or they are held apart', async () => {
    const { ghent } = await twoHubs();
    const u = `fern${Date.now().toString(36)}`;
    const v = `moss${Date.now().toString(36)}`;
    await newListing(ghent.session, ghent.hub.slug, { title: `Sheets ${u}` });
    await newListing(ghent.session, ghent.hub.slug, { title: `Sheets ${v}` });
    for (const q of [`${u}%20${v}`, `zq${u}%20zq${v}`, `zq${u}`]) {
      const page: Page = await expectJson(await call(`/listings?q=${q}`), 200, ZListingPage);
      expect(page.items, q).toEqual([]);
      expect(page.wordsLeftOut, q).toBeUndefined();
    }
    const both: Page = await expectJson(await call(`/listings?q=sheets%20${u}`), 200, ZListingPage);
    expect(both.items).toHaveLength(1);
    expect(both.wordsLeftOut).toBeUndefined();
  });

  it('leaves out a shape or packing held apart from the material, so the material is found', async () => {
    const { ghent } = await twoHubs();
    const u = `lexa${Date.now().toString(36)}`;
    const v = `peat${Date.now().toString(36)}`;
    // Polycarbonate that is not a sheet (nor counted in sheets), and sheets that are not polycarbonate.
    const lexan = await newListing(ghent.session, ghent.hub.slug, {
      title: `Lexan ${u}`,
      category: 'polycarbonate',
      unit: 'pieces',
    });
    await newListing(ghent.session, ghent.hub.slug, { title: `Acrylic sheets ${v}`, category: 'acrylic' });
    const wanted = await newRequest(ghent.session, ghent.hub.slug, {
      title: `Lexan ${u}`,
      category: 'polycarbonate',
    });
    await newRequest(ghent.session, ghent.hub.slug, { title: `Sheets ${v}`, category: 'acrylic' });
    const searched = async (path: string): Promise<Page & { wordsApart?: string[] }> =>
      expectJson(await call(path), 200, path.startsWith('/requests') ? ZRequestPage : ZListingPage);
    for (const [q, apart] of [
      [`polycarbonate%20sheets%20${u}`, 'sheets'],
      [`plaques%20de%20polycarbonate%20${u}`, 'plaques'],
      [`${u}%20polycarbonaat%20platen`, 'platen'],
    ] as const) {
      for (const [path, id] of [
        [`/listings?q=${q}`, lexan.id],
        [`/requests?q=${q}`, wanted.id],
      ] as const) {
        const page = await searched(path);
        expect(
          page.items.map((i) => i.id),
          path,
        ).toEqual([id]);
        expect(page.wordsApart, path).toEqual([apart]);
        expect(page.wordsLeftOut, path).toBeUndefined();
      }
    }
    // Held together, nothing is left out; words apart that are not shapes or packings are all kept.
    const together = await searched(`/listings?q=acrylic%20sheets%20${v}`);
    expect(together.items).toHaveLength(1);
    expect(together.wordsApart).toBeUndefined();
    const apart = await searched(`/listings?q=${u}%20${v}`);
    expect(apart.items).toEqual([]);
    expect(apart.wordsApart).toBeUndefined();
    // A word no row holds is left out first, and named as such, not as apart.
    const nowhere = await searched(`/listings?q=zq${u}%20polycarbonate%20${u}`);
    expect(nowhere.items.map((i) => i.id)).toEqual([lexan.id]);
    expect(nowhere.wordsLeftOut).toEqual([`zq${u}`]);
    expect(nowhere.wordsApart).toBeUndefined();
    // A word held nowhere left out, and the rest held apart: the shape is left out too, in the
    // same one statement, and both are named.
    for (const [path, id] of [
      [`/listings?q=zq${u}%20polycarbonate%20sheets%20${u}`, lexan.id],
      [`/requests?q=plaques%20zq${u}%20${u}%20polycarbonate`, wanted.id],
    ] as const) {
      const page = await searched(path);
      expect(
        page.items.map((i) => i.id),
        path,
      ).toEqual([id]);
      expect(page.wordsLeftOut, path).toEqual([`zq${u}`]);
      expect(page.wordsApart, path).toEqual([path.startsWith('/listings') ? 'sheets' : 'plaques']);
    }
    // Left out and the rest together: nothing is named apart.
    const rest = await searched(`/listings?q=zq${u}%20acrylic%20sheets%20${v}`);
    expect(rest.items).toHaveLength(1);
    expect(rest.wordsLeftOut).toEqual([`zq${u}`]);
    expect(rest.wordsApart).toBeUndefined();
  });

  it('keeps the shapes a row holds with the material, and leaves out the others', async () => {
    const { ghent } = await twoHubs();
    const u = `cupr${Date.now().toString(36)}`;
    const add = (title: string, category: string) =>
      newListing(ghent.session, ghent.hub.slug, { title, category, unit: 'kg' });
    const wire = await add(`Copper wire ${u}`, 'copper');
    const pipe = await add(`Copper tubes ${u}`, 'copper');
    await add(`Cotton rolls ${u}`, 'cotton');
    const oakPlanks = await add(`Oak planks ${u}`, 'hardwood');
    const oakBeams = await add(`Oak beams ${u}`, 'hardwood');
    const searched = async (q: string) => {
      const page: Page & { wordsApart?: string[] } = await expectJson(
        await call(`/listings?q=${encodeURIComponent(q)}&hub=${ghent.hub.slug}`),
        200,
        ZListingPage,
      );
      return { ids: page.items.map((i) => i.id).sort(), apart: page.wordsApart, leftOut: page.wordsLeftOut };
    };
    // The wire is held with the copper, the rolls are not: copper wire, not the copper tubes.
    for (const [q, apart] of [
      [`copper wire rolls ${u}`, ['rolls']],
      [`rouleaux de fil de cuivre ${u}`, ['rouleaux']],
      [`koperdraad rollen ${u}`, ['rollen']],
    ] as const) {
      const page = await searched(q);
      expect(page.ids, q).toEqual([wire.id]);
      expect(page.apart, q).toEqual(apart);
    }
    // Each shape is held with the oak, never both at once: both are left out, the oak is found.
    expect(await searched(`oak planks beams ${u}`)).toEqual({
      ids: [oakPlanks.id, oakBeams.id].sort(),
      apart: ['planks', 'beams'],
      leftOut: undefined,
    });
    // A word held nowhere, then the same.
    expect(await searched(`zq${u} copper rolls wire ${u}`)).toEqual({
      ids: [wire.id],
      apart: ['rolls'],
      leftOut: [`zq${u}`],
    });
    // Both are copper: only the shape kept tells them apart.
    expect((await searched(`copper ${u}`)).ids).toEqual([wire.id, pipe.id].sort());
  });

  it('costs no call more without a place when the words are found together, else one; near a point, none', async () => {
    const { ghent, near } = await twoHubs();
    const u = `reed${Date.now().toString(36)}`;
    await newListing(ghent.session, ghent.hub.slug, { title: `Boards ${u}` });
    const statements = async (q: string, place: Record<string, string> = {}) => {
      const rec = recordingDb();
      const page = await searchListings({ db: rec.db, now: () => new Date() } as Deps, {
        query: ZListingSearch.parse({ q, ...place }),
        user: null,
      });
      return { n: rec.log.reduce((n, s) => n + s.n, 0), trips: rec.trips, page, log: rec.log };
    };
    const one = await statements(u);
    const two = await statements(`boards ${u}`);
    const relaxed = await statements(`zq${u} ${u}`);
    expect(one.page.items).toHaveLength(1);
    expect(two.page.items).toHaveLength(1);
    expect(relaxed.page.items).toHaveLength(1);
    // Without a place, the page by every word and the look-up go to D1 in one call: found
    // together, the look-up is not waited on.
    expect(two.n).toBe(one.n + 1);
    expect(two.trips).toBe(one.trips);
    expect(two.log.filter((s) => /json_group_array/.test(s.sql))).toHaveLength(1);
    // Found nowhere together: that page (empty) with the look-up, then the page by the words held.
    expect(relaxed.n).toBe(one.n + 2);
    expect(relaxed.trips).toBe(one.trips + 1);
    expect(relaxed.log.filter((s) => /json_group_array/.test(s.sql))).toHaveLength(1);
    // A word left out and a shape held apart from the rest: still the one look-up.
    await newListing(ghent.session, ghent.hub.slug, { title: `Tubes w${u}` });
    const both = await statements(`zq${u} ${u} tubes`);
    expect(both.page.items.map((i) => i.title)).toEqual([`Boards ${u}`]);
    expect([both.page.wordsLeftOut, both.page.wordsApart]).toEqual([[`zq${u}`], ['tubes']]);
    expect(both.n).toBe(one.n + 2);
    expect(both.trips).toBe(one.trips + 1);
    // Found together but not with a filter: the empty page stands, after the look-up says so.
    const filtered = await statements(`boards ${u}`, { kind: 'machine_time' });
    expect(filtered.page.items).toEqual([]);
    expect(filtered.page.wordsLeftOut).toBeUndefined();
    expect(filtered.n).toBe(one.n + 1);
    expect(filtered.trips).toBe(one.trips);
    // Near a point too: the look-up, then the search's own (at most 5). The look-up goes to D1
    // in one call with the first ring of hubs: no call more than one word's.
    const nearOne = await statements(u, { near });
    const nearRelaxed = await statements(`zq${u} ${u}`, { near });
    expect(nearRelaxed.page.items.map((i) => i.id)).toEqual(nearOne.page.items.map((i) => i.id));
    expect(nearRelaxed.page.wordsLeftOut).toEqual([`zq${u}`]);
    expect(nearRelaxed.n).toBe(nearOne.n + 1);
    expect(nearOne.n).toBeLessThanOrEqual(5);
    expect(nearRelaxed.trips).toBe(nearOne.trips);
    expect(nearOne.trips).toBe(nearOne.n);
    // A filter whose hubs are listed first: the look-up alone, as before (the ring may not be read).
    const kindOne = await statements(u, { near, kind: 'offcut' });
    const kindRelaxed = await statements(`zq${u} ${u}`, { near, kind: 'offcut' });
    expect(kindRelaxed.page.items.map((i) => i.id)).toEqual(kindOne.page.items.map((i) => i.id));
    expect(kindRelaxed.trips).toBe(kindOne.trips + 1);
    // A hub that does not exist is refused before the words are looked up: one statement, the hub's.
    for (const place of [{ hub: `no-such-${u}` }, { not_hub: `no-such-${u}` }]) {
      const rec = recordingDb();
      const refused = await searchListings({ db: rec.db, now: () => new Date() } as Deps, {
        query: ZListingSearch.parse({ q: `zq${u} ${u}`, ...place }),
        user: null,
      }).catch((e: unknown) => e);
      expect(refused, JSON.stringify(place)).toMatchObject({ code: 'HUB_NOT_FOUND' });
      expect(rec.log.map((s) => s.sql).join('\n')).not.toMatch(/_fts/);
      expect(rec.log.reduce((n, s) => n + s.n, 0)).toBe(1);
    }
  });

  it('a word only withdrawn listings or closed requests hold is left out like any other', async () => {
    const { ghent } = await twoHubs();
    const u = `reed${Date.now().toString(36)}`;
    const gone = `zw${u}`;
    const kept = await newListing(ghent.session, ghent.hub.slug, { title: `Plywood ${u}` });
    const withdrawn = await newListing(ghent.session, ghent.hub.slug, { title: `Plywood ${gone} ${u}` });
    const search = async (path: string, schema: typeof ZListingPage | typeof ZRequestPage = ZListingPage) =>
      (await expectJson(await call(path), 200, schema)) as Page;
    // While it is active, both words are held together: it alone is found.
    const before = await search(`/listings?q=${gone}%20${u}`);
    expect(before.items.map((i) => i.id)).toEqual([withdrawn.id]);
    expect(before.wordsLeftOut ?? []).toEqual([]);
    expect(
      (await call(`/listings/${withdrawn.id}`, { session: ghent.session, method: 'DELETE' })).status,
    ).toBe(200);
    const after = await search(`/listings?q=${gone}%20${u}`);
    expect(after.items.map((i) => i.id)).toEqual([kept.id]);
    expect(after.wordsLeftOut).toEqual([gone]);
    // The row is still in the index, closed: only what search finds counts.
    const inIndex = await db
      .prepare('SELECT count(*) AS n FROM listings_fts WHERE listings_fts MATCH ?1')
      .bind(`"${gone}"`)
      .first<{ n: number }>();
    expect(inIndex!.n).toBe(1);
    // Requests: a withdrawn request's word is left out too.
    const open = await newRequest(ghent.session, ghent.hub.slug, { title: `Plywood ${u}` });
    const closed = await newRequest(ghent.session, ghent.hub.slug, { title: `Plywood ${gone} ${u}` });
    expect((await call(`/requests/${closed.id}`, { session: ghent.session, method: 'DELETE' })).status).toBe(
      200,
    );
    const requests = await search(`/requests?q=${gone}%20${u}`, ZRequestPage);
    expect(requests.items.map((i) => i.id)).toEqual([open.id]);
    expect(requests.wordsLeftOut).toEqual([gone]);
  });

  it('a word only a listing hidden by a coordinator holds is left out, and held again once restored', async () => {
    const o = await moderatedHubs();
    const u = `sedge${Date.now().toString(36)}`;
    const odd = `zh${u}`;
    const plain = await newListing(o.giver.session, o.giver.hub.slug, { title: `Plywood ${u}` });
    const hidden = await newListing(o.author.session, o.giver.hub.slug, { title: `Plywood ${odd} ${u}` });
    const search = async () =>
      (await expectJson(await call(`/listings?q=${odd}%20${u}`), 200, ZListingPage)) as Page;
    await hideOk(o.coordinator.session, 'listing', hidden.id);
    const whileHidden = await search();
    expect(whileHidden.items.map((i) => i.id)).toEqual([plain.id]);
    expect(whileHidden.wordsLeftOut).toEqual([odd]);
    expect((await restore(o.coordinator.session, 'listing', hidden.id)).status).toBe(200);
    const restored = await search();
    expect(restored.items.map((i) => i.id)).toEqual([hidden.id]);
    expect(restored.wordsLeftOut ?? []).toEqual([]);
  });

  it('requests are found by the words makers type for what they are for', async () => {
    const { ghent } = await twoHubs();
    const u = `flax${Date.now().toString(36)}`;
    const planters = await newRequest(ghent.session, ghent.hub.slug, {
      title: `Bois de palette pour bacs potagers ${u}`,
      category: 'pallets',
    });
    const plugs = await newRequest(ghent.session, ghent.hub.slug, {
      title: `Cables and connectors ${u}`,
      category: 'cables',
    });
    for (const [q, want] of [
      ['moestuinbak', planters.id],
      ['planter boxes', planters.id],
      ['stekkers', plugs.id],
      ['connecteurs', plugs.id],
    ] as const) {
      const page: Page = await expectJson(
        await call(`/requests?q=${encodeURIComponent(`${q} ${u}`)}`),
        200,
        ZRequestPage,
      );
      expect(
        page.items.map((i) => i.id),
        q,
      ).toEqual([want]);
      expect(page.wordsLeftOut ?? [], q).toEqual([]);
    }
  });

  it('requests leave out words no request holds', async () => {
    const { ghent } = await twoHubs();
    const u = `sedge${Date.now().toString(36)}`;
    const r = await newRequest(ghent.session, ghent.hub.slug, { title: `Plywood ${u}` });
    const page: Page = await expectJson(await call(`/requests?q=gerecycleerd%20${u}`), 200, ZRequestPage);
    expect(page.items.map((i) => i.id)).toEqual([r.id]);
    expect(page.wordsLeftOut).toEqual(['gerecycleerd']);
  });
});

/** Two hubs, a word of the test's own, listing in either, and the ids a query finds with the word. */
async function ownWord(prefix: string) {
  const hubs = await twoHubs();
  const u = `${prefix}${Date.now().toString(36)}`;
  const id = async (o: Record<string, unknown>, p = hubs.ghent) =>
    (await newListing(p.session, p.hub.slug, o)).id;
  const found = async (q: string, extra = '') =>
    (
      (await expectJson(
        await call(`/listings?q=${encodeURIComponent(`${q} ${u}`)}${extra}`),
        200,
        ZListingPage,
      )) as Page
    ).items.map((i) => i.id);
  return { ...hubs, u, id, found };
}

describe('words makers type', () => {
  it('finds a Dutch compound of two names as its parts, and trade words in three languages', async () => {
    const { brussels, near, u, id, found } = await ownWord('alder');
    const oak = await id({ title: `Eiken planken ${u}`, category: 'hardwood' });
    const profiles = await id({ title: `Aluminium profiles ${u}`, category: 'aluminium' }, brussels);
    const sacks = await id({ title: `Sacs de café en jute ${u}`, category: 'textiles' });
    const scraps = await id({ title: `Leather scraps ${u}`, category: 'leather' }, brussels);
    const tubes = await id({ title: `Inner tubes ${u}`, category: 'other' });
    const glazing = await id({ title: `Double-glazing units ${u}`, category: 'glass' });
    const network = await id({ title: `Network cables Cat6 ${u}`, category: 'other' });
    const beams = await id({ title: `Stalen HEA-profielen ${u}`, category: 'other' });
    const finds = async (q: string, want: number, extra = '') =>
      expect(await found(q, extra), `${q}${extra}`).toEqual([want]);
    // The compounds, as best match without a place, near a point (read hub by hub), newest first,
    // with a category (the hub-ordered index of categories) and in one hub.
    for (const extra of ['', `&near=${near}`, `&near=${near}&sort=nearest`, '&sort=newest']) {
      await finds('eikenhout', oak, extra);
      await finds('aluprofiel', profiles, extra);
      await finds('koffiezakken', sacks, extra);
      await finds('lederresten', scraps, extra);
    }
    await finds('eikenhout', oak, `&near=${near}&category=wood`);
    await finds('aluprofiel', profiles, `&hub=${brussels.hub.slug}`);
    await finds('chutes de cuir', scraps);
    await finds('chambre à air', tubes);
    await finds('binnenband', tubes);
    await finds('dubbel glas', glazing);
    await finds('double vitrage', glazing);
    await finds('netwerkkabel', network);
    await finds('câble réseau', network);
    await finds('poutrelles', beams);
    await finds('IPE', beams);
  });

  it('finds two names typed apart in a title that writes them as one Dutch word', async () => {
    const { ghent, brussels, near, u, id, found: page } = await ownWord('rush');
    // Categories that name neither word, so only the title's compound can match.
    const wire = await id({ title: `Koperdraad restanten ${u}`, category: 'other' });
    const felt = await id({ title: `Wolvilt restjes ${u}`, category: 'other' }, brussels);
    const scraps = await id({ title: `Lederresten ${u}`, category: 'other' });
    const copperOnly = await id({ title: `Koperen buis ${u}`, category: 'other' });
    for (const extra of ['', `&near=${near}`, `&near=${near}&sort=nearest`, '&sort=newest']) {
      expect(await page('copper wire', extra), extra).toEqual([wire]);
      expect(await page('fil électrique cuivre', extra), extra).toEqual([wire]);
      expect(await page('fil de cuivre', extra), extra).toEqual([wire]);
      expect(await page('wool felt', extra), extra).toEqual([felt]);
      expect(await page('chutes de cuir', extra), extra).toEqual([scraps]);
    }
    expect(await page('copper wire', `&hub=${ghent.hub.slug}`)).toEqual([wire]);
    expect(await page('wool felt', `&hub=${ghent.hub.slug}`)).toEqual([]);
    // One of the two words alone still finds what holds it; "koperen buis" is no wire.
    expect((await page('copper')).sort()).toEqual([wire, copperOnly].sort());
    expect(await page('copper tube')).toEqual([copperOnly]);
  });
});
