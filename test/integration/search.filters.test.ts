/**
 * Searching near anywhere (a point, signed out too) and the filters people expect: kind, family
 * and category, condition, free / swap / priced, available by a date, and "my part fits" (the
 * rule matching uses: length × width at least mine either way round, thickness ± the larger of
 * 0.5 mm and 5 %, unknown thickness passes). Each filter is a URL parameter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListingPage, type TListingPage } from '../../src/shared/search.schemas';
import { call, createListing, expectError, expectJson, makerWithHub } from '../helpers';

const GHENT = { lat: 51.0517, lon: 3.7265 };
const LIEGE = { lat: 50.6326, lon: 5.5797 };
const ids = (page: { items: { id: number }[] }) => page.items.map((l) => l.id).sort((a, b) => a - b);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('search filters and places', () => {
  let n: Record<string, number> = {};
  let ghentHub = '';
  beforeAll(async () => {
    const ghent = await makerWithHub(GHENT);
    const liege = await makerWithHub(LIEGE);
    ghentHub = ghent.hub.slug;
    const make = async (who: typeof ghent, o: Record<string, unknown>) =>
      (await createListing(who.session, who.hub.slug, o)).id;
    n = {
      sheet18: await make(ghent, { title: 'Sheet A', lengthMm: 600, widthMm: 400, thicknessMm: 18 }),
      long12: await make(ghent, {
        title: 'Sheet B',
        lengthMm: 300,
        widthMm: 1200,
        thicknessMm: 12,
        priceType: 'amount',
        priceCents: 500,
      }),
      unknownThick: await make(ghent, {
        title: 'Sheet C',
        lengthMm: 2000,
        widthMm: 1000,
        thicknessMm: null,
        priceType: 'swap',
        condition: 'used',
      }),
      noSize: await make(liege, {
        title: 'Acrylic bits',
        category: 'acrylic',
        kind: 'reclaimed',
        lengthMm: null,
        widthMm: null,
        thicknessMm: null,
        unit: 'kg',
        availableFrom: '2099-01-10',
      }),
      later: await make(liege, {
        title: 'Steel plate',
        category: 'steel',
        lengthMm: null,
        widthMm: null,
        thicknessMm: null,
        unit: 'kg',
        availableFrom: '2099-02-01',
        availableUntil: '2099-03-01',
      }),
    };
  }, 120_000);

  const search = async (qs: string) =>
    ids(await expectJson(await call(`/listings?${qs}&limit=50`), 200, ZListingPage));

  it('searches near a point while signed out, nearest first with distances', async () => {
    const page = await expectJson(await call(`/listings?near=${LIEGE.lat},${LIEGE.lon}`), 200, ZListingPage);
    expect(page.sort).toBe('nearest');
    expect(
      page.items
        .slice(0, 2)
        .map((l) => l.id)
        .sort(),
    ).toEqual(sorted([n.noSize!, n.later!]));
    expect(page.items[0]!.distanceKm).toBe(0);
    expect(page.items.at(-1)!.distanceKm).toBeGreaterThan(100);
    const within = await search(`near=${LIEGE.lat},${LIEGE.lon}&radius_km=10`);
    expect(within).toEqual(sorted([n.noSize!, n.later!]));
  });

  it('says a radius needs a point, in the reader’s language, instead of ignoring it', async () => {
    for (const [lang, word] of [
      ['nl', 'punt'],
      ['fr', 'point'],
      ['en', 'point'],
    ] as const) {
      const body = await expectError(
        await call('/listings?radius_km=25', { headers: { 'accept-language': lang } }),
        422,
        'VALIDATION_FAILED',
        ['near'],
      );
      expect(body.error.details?.fields?.[0]?.message.toLowerCase()).toContain(word);
    }
  });

  it('filters by kind, family, category and condition', async () => {
    expect(await search('kind=reclaimed')).toEqual([n.noSize]);
    expect(await search('category=wood')).toEqual(sorted([n.sheet18!, n.long12!, n.unknownThick!]));
    expect(await search('category=plastics')).toEqual([n.noSize]);
    expect(await search('category=acrylic')).toEqual([n.noSize]);
    expect(await search('category=metals&kind=offcut')).toEqual([n.later]);
    expect(await search('condition=used')).toEqual([n.unknownThick]);
  });

  it('filters free, swap and priced', async () => {
    expect(await search('price=priced')).toEqual([n.long12]);
    expect(await search('price=swap')).toEqual([n.unknownThick]);
    expect(await search('price=free')).toEqual(sorted([n.sheet18!, n.noSize!, n.later!]));
    await expectError(await call('/listings?price=cheap'), 422, 'VALIDATION_FAILED', ['price']);
  });

  it('filters by availability on a date', async () => {
    const all = [n.sheet18!, n.long12!, n.unknownThick!];
    expect(await search('available_by=2099-01-09')).toEqual(sorted(all));
    expect(await search('available_by=2099-01-20')).toEqual(sorted([...all, n.noSize!]));
    expect(await search('available_by=2099-02-15')).toEqual(sorted([...all, n.noSize!, n.later!]));
    expect(await search('available_by=2099-03-02')).toEqual(sorted([...all, n.noSize!]));
    await expectError(await call('/listings?available_by=2099-02-30'), 422, 'VALIDATION_FAILED', [
      'available_by',
    ]);
  });

  it('finds pieces my part fits on, as matching decides', async () => {
    // Either way round; the sheet of unknown thickness may still do.
    expect(await search('fits=500x350')).toEqual(sorted([n.sheet18!, n.unknownThick!]));
    expect(await search('fits=350x500')).toEqual(sorted([n.sheet18!, n.unknownThick!]));
    expect(await search('fits=1100x250')).toEqual(sorted([n.long12!, n.unknownThick!]));
    // 18 mm asked: ± 0.9 mm (5 %) takes 18, not 12.
    expect(await search('fits=500x250x18')).toEqual(sorted([n.sheet18!, n.unknownThick!]));
    expect(await search('fits=500x250x18.9')).toEqual(sorted([n.sheet18!, n.unknownThick!]));
    expect(await search('fits=500x250x19.5')).toEqual([n.unknownThick]);
    // 12 mm asked: ± 0.6 mm.
    expect(await search('fits=250x250x12.5')).toEqual(sorted([n.long12!, n.unknownThick!]));
    expect(await search('fits=3000x10')).toEqual([]);
    for (const bad of ['600', '600x', 'x400', '0x400', '600x400x0', '600*400', '-1x4', '600x400x18x2'])
      await expectError(await call(`/listings?fits=${encodeURIComponent(bad)}`), 422, 'VALIDATION_FAILED', [
        'fits',
      ]);
  });

  it('combines filters with words and a hub, paging without repeats or gaps', async () => {
    expect(await search(`q=sheet&hub=${ghentHub}&fits=500x300&price=free`)).toEqual([n.sheet18]);
    const whole = await search('category=wood&fits=300x300');
    expect(whole).toEqual(sorted([n.sheet18!, n.long12!, n.unknownThick!]));
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: TListingPage = await expectJson(
        await call(`/listings?category=wood&fits=300x300&limit=1${cursor ? `&cursor=${cursor}` : ''}`),
        200,
        ZListingPage,
      );
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sorted(seen)).toEqual(whole);
    expect(seen).toHaveLength(3);
  });
});
