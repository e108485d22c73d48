import { describe, expect, it } from 'vitest';
import { ZSavedSearch, ZSavedSearchList } from '../../src/shared/saved-searches.schemas';
import { ZListingPage } from '../../src/shared/search.schemas';
import { call, count, expectJson } from '../helpers';
import { newArea, newListing, notificationsOf } from '../matching-helpers';

const ACRYLIC = {
  kind: 'offcut',
  category: 'acrylic',
  title: 'Clear acrylic 3 mm',
  thicknessMm: 3,
  unit: 'pieces',
  quantity: 5,
};

describe('saved searches: happy paths', () => {
  it('saves, lists and deletes my searches', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent');
    const body = {
      name: 'Acrylic near us',
      query: { category: 'acrylic', minLengthMm: 300, minWidthMm: 300, hub: me.hub.slug, radiusKm: 30 },
    };
    const saved = await expectJson(
      await call('/saved-searches', { session: me.session, body }),
      201,
      ZSavedSearch,
    );
    expect(saved).toMatchObject({ ...body, lastNotifiedAt: null });
    const list = await expectJson(
      await call('/saved-searches', { session: me.session }),
      200,
      ZSavedSearchList,
    );
    expect(list.items.map((s) => s.id)).toEqual([saved.id]);
    expect(
      await count("SELECT count(*) AS n FROM saved_searches WHERE id = ?1 AND family = 'plastics'", saved.id),
    ).toBe(1);

    expect(
      (await call(`/saved-searches/${saved.id}`, { session: me.session, method: 'DELETE' })).status,
    ).toBe(204);
    expect(await count('SELECT count(*) AS n FROM saved_searches WHERE id = ?1', saved.id)).toBe(0);
  });

  it('alerts once when acrylic ≥ 300 × 300 mm appears within the radius, turned either way; not for smaller or farther', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent');
    const near = await makerAt('kortrijk'); // about 43 km: too far for 30 km
    const body = {
      name: 'Acrylic ≥ 300 mm',
      query: { category: 'acrylic', minLengthMm: 300, minWidthMm: 300, hub: me.hub.slug, radiusKm: 50 },
    };
    const saved = await expectJson(
      await call('/saved-searches', { session: me.session, body }),
      201,
      ZSavedSearch,
    );

    const small = await newListing(near.session, near.hub.slug, { ...ACRYLIC, lengthMm: 500, widthMm: 200 });
    const big = await newListing(near.session, near.hub.slug, { ...ACRYLIC, lengthMm: 300, widthMm: 400 });
    await newListing(near.session, near.hub.slug, {
      ...ACRYLIC,
      category: 'pla',
      lengthMm: 900,
      widthMm: 900,
    });
    // Edited twice: still one alert.
    await call(`/listings/${big.id}`, { session: near.session, method: 'PATCH', body: { quantity: 4 } });

    const notes = await notificationsOf(me.me.user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'saved_search', dedupe_key: `saved:${saved.id}:${big.id}` });
    expect(JSON.parse(notes[0]!.payload)).toMatchObject({
      listingId: big.id,
      savedSearchName: 'Acrylic ≥ 300 mm',
    });
    expect(notes.some((n) => n.dedupe_key.endsWith(`:${small.id}`))).toBe(false);
    const after = await expectJson(
      await call('/saved-searches', { session: me.session }),
      200,
      ZSavedSearchList,
    );
    expect(after.items[0]!.lastNotifiedAt).not.toBeNull();

    // Narrowed to 30 km: Kortrijk is out of reach.
    const narrow = { name: 'Closer', query: { ...body.query, radiusKm: 30 } };
    await expectJson(await call('/saved-searches', { session: me.session, body: narrow }), 201, ZSavedSearch);
    await newListing(near.session, near.hub.slug, { ...ACRYLIC, lengthMm: 600, widthMm: 600 });
    expect((await notificationsOf(me.me.user.id)).filter((n) => n.payload.includes('"Closer"'))).toHaveLength(
      0,
    );
  });

  it('finds the words as the search page does: other languages, the category, sizes either way', async () => {
    const makerAt = newArea();
    const me = await makerAt('ghent', 'fr');
    const other = await makerAt('kortrijk');
    const save = async (name: string, query: Record<string, unknown>) =>
      (
        await expectJson(
          await call('/saved-searches', { session: me.session, body: { name, query } }),
          201,
          ZSavedSearch,
        )
      ).id;
    const french = await save('Contreplaqué', { q: 'contreplaqué' });
    const sized = await save('Multiplex 18mm', { q: 'multiplex 18mm', category: 'wood' });
    const described = await save('Pour établis', { q: 'établis' });
    const thinner = await save('Multiplex 12 mm', { q: 'multiplex 12 mm' });
    const acrylic = await save('Plexi', { q: 'plexi' });

    // Titled in English, in a plywood category; "établis" only in its description.
    const sheets = await newListing(other.session, other.hub.slug, {
      title: 'Birch plywood offcuts 18 mm',
      description: 'Assez grand pour des établis',
    });
    const notes = await notificationsOf(me.me.user.id);
    const alerted = notes
      .filter((n) => n.dedupe_key.endsWith(`:${sheets.id}`))
      .map((n) => n.dedupe_key)
      .sort();
    expect(alerted).toEqual(
      [
        `saved:${described}:${sheets.id}`,
        `saved:${french}:${sheets.id}`,
        `saved:${sized}:${sheets.id}`,
      ].sort(),
    );
    // The search page finds the same listing for each search alerted, and not for the others. A
    // word no listing holds ("12 mm" here) the page leaves out, and says so; an alert never does.
    for (const [q, expected, leftOut] of [
      ['contreplaqué', true, undefined],
      ['multiplex 18mm', true, undefined],
      ['établis', true, undefined],
      ['multiplex 12 mm', false, ['12 mm']],
      ['plexi', false, undefined],
    ] as const) {
      const page = await expectJson(
        await call(`/listings?q=${encodeURIComponent(q)}&limit=50`),
        200,
        ZListingPage,
      );
      expect(page.wordsLeftOut, q).toEqual(leftOut);
      if (leftOut) continue;
      expect(
        page.items.some((i) => i.id === sheets.id),
        q,
      ).toBe(expected);
    }
    // With a 12 mm sheet listed, the page searches every word again and agrees with the alert.
    await newListing(other.session, other.hub.slug, { title: 'Poplar multiplex 12 mm', thicknessMm: 12 });
    const twelve = await expectJson(
      await call(`/listings?q=${encodeURIComponent('multiplex 12 mm')}&limit=50`),
      200,
      ZListingPage,
    );
    expect(twelve.wordsLeftOut).toBeUndefined();
    expect(twelve.items.some((i) => i.id === sheets.id)).toBe(false);
    expect([thinner, acrylic].some((id) => alerted.some((k) => k.startsWith(`saved:${id}:`)))).toBe(false);
  });
});
