import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { matchingJob } from '../../src/modules/matching/matching.job';
import { ZDismissed, ZListingMatches, ZRequestMatches } from '../../src/shared/matching.schemas';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, count, db, expectJson } from '../helpers';
import { matchRow, newArea, newListing, newRequest, notificationsOf, outboxOf } from '../matching-helpers';

describe('matching: happy paths', () => {
  it('matches a new listing to a request of another hub, with score, reasons and parts that fit', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const listing = await newListing(giver.session, giver.hub.slug);

    const page = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(page.items).toHaveLength(1);
    const m = page.items[0]!;
    expect(m.listing.id).toBe(listing.id);
    expect(m.listing.hub.slug).toBe(giver.hub.slug);
    // 600 × 400 holds four 300 × 200 parts; 12 sheets hold 48, enough for all 40.
    expect(m.partsFit).toBe(48);
    expect(m.reasons).toEqual(
      expect.arrayContaining([
        { code: 'category', closeness: 'within', category: 'birch-plywood' },
        { code: 'parts_fit', perSheet: 4, total: 48 },
        { code: 'coverage', covered: 40, needed: 40, unit: 'pieces' },
        { code: 'condition', condition: 'good' },
      ]),
    );
    const distance = m.reasons.find((r) => r.code === 'distance');
    expect(distance && 'km' in distance && distance.km).toBeGreaterThan(40);
    expect(m.distanceKm).toBeLessThan(50);
    expect(m.score).toBeGreaterThan(50);
    // Mass estimated from 12 × 0.6 × 0.4 × 0.018 m³ of birch plywood (700 kg/m³): 36.3 kg ± 25 % (the one mass rule).
    expect(m.listing.mass).toEqual({
      grams: 36_288,
      lowGrams: 27_216,
      highGrams: 45_360,
      kg: 36.3,
      lowKg: 27.2,
      highKg: 45.4,
      estimated: true,
    });
    expect(page.bundle).toMatchObject({ complete: true, covered: 40, needed: 40, unit: 'pieces' });

    const row = await matchRow(listing.id, request.id);
    expect(row).toMatchObject({ state: 'open', score: m.score });
    const reasons = await db
      .prepare('SELECT reasons FROM matches WHERE id = ?1')
      .bind(m.id)
      .first<{ reasons: string }>();
    // Codes and numbers only: no sentence is stored.
    expect(JSON.parse(reasons!.reasons)).toEqual(m.reasons);
  });

  it('a new listing notifies the request author once, by inbox and email, however often it is edited', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug, {
      title: 'MDF 6 mm for a workshop',
      category: 'mdf',
      unit: 'sheets',
      quantity: 4,
      minLengthMm: null,
      minWidthMm: null,
      minThicknessMm: 6,
    });
    const listing = await newListing(giver.session, giver.hub.slug, {
      category: 'mdf',
      thicknessMm: 6,
      title: 'MDF 6 mm',
    });

    // Two edits at once and one after: still one notification and one email.
    await Promise.all([
      call(`/listings/${listing.id}`, { session: giver.session, method: 'PATCH', body: { quantity: 11 } }),
      call(`/listings/${listing.id}`, { session: giver.session, method: 'PATCH', body: { quantity: 10 } }),
    ]);
    await expectJson(
      await call(`/listings/${listing.id}`, {
        session: giver.session,
        method: 'PATCH',
        body: { title: 'MDF 6 mm, ten sheets' },
      }),
      200,
      ZListing,
    );

    const notes = await notificationsOf(asker.me.user.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      kind: 'request_match',
      dedupe_key: `match:${listing.id}:${request.id}`,
    });
    expect(JSON.parse(notes[0]!.payload)).toMatchObject({
      listingId: listing.id,
      requestId: request.id,
      requestTitle: 'MDF 6 mm for a workshop',
      // Who offers it: the listing's hub.
      fromHubName: giver.hub.name,
    });
    expect(notes[0]!.emailed_at).not.toBeNull();
    const mails = await outboxOf(asker.me.user.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: asker.email, locale: 'en', status: 'pending' });
    expect(mails[0]!.subject).toContain(
      `New listing from ${giver.hub.name} matches your request ‘MDF 6 mm for a workshop’`,
    );
    expect(mails[0]!.body).toContain(`/requests/${request.id}`);
    // The listing's own author is not told about anything.
    expect(await notificationsOf(giver.me.user.id)).toHaveLength(0);
  });

  it('a request created after the listing finds it, without notifying anybody', async () => {
    const makerAt = newArea();
    const giver = await makerAt('brussels');
    const asker = await makerAt('ghent', 'nl');
    const listing = await newListing(giver.session, giver.hub.slug);
    const request = await newRequest(asker.session, asker.hub.slug);
    expect((await matchRow(listing.id, request.id))?.state).toBe('open');
    expect(await notificationsOf(asker.me.user.id)).toHaveLength(0);
  });

  it('a dismissed match never returns: not after edits, not after the scheduled rebuild', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const giver = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const listing = await newListing(giver.session, giver.hub.slug);
    const match = await matchRow(listing.id, request.id);

    const dismissed = await expectJson(
      await call(`/matches/${match!.id}/dismiss`, { session: asker.session, method: 'POST' }),
      200,
      ZDismissed,
    );
    expect(dismissed).toEqual({ id: match!.id, state: 'dismissed' });
    // Dismissing again is harmless.
    await expectJson(
      await call(`/matches/${match!.id}/dismiss`, { session: asker.session, method: 'POST' }),
      200,
      ZDismissed,
    );

    await call(`/listings/${listing.id}`, {
      session: giver.session,
      method: 'PATCH',
      body: { quantity: 20 },
    });
    await call(`/requests/${request.id}`, {
      session: asker.session,
      method: 'PATCH',
      body: { quantity: 30 },
    });
    await matchingJob.run({ db, now: () => new Date(), env });

    expect(await matchRow(listing.id, request.id)).toMatchObject({ state: 'dismissed' });
    expect(
      await count(
        'SELECT count(*) AS n FROM matches WHERE id = ?1 AND dismissed_by = ?2',
        match!.id,
        asker.me.user.id,
      ),
    ).toBe(1);
    const page = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(page.items).toHaveLength(0);
    const forListing = await expectJson(await call(`/listings/${listing.id}/matches`), 200, ZListingMatches);
    expect(forListing.items).toHaveLength(0);
  });

  it('a withdrawn listing disappears from every match at once', async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const one = await makerAt('ghent');
    const two = await makerAt('brussels');
    const listing = await newListing(giver.session, giver.hub.slug);
    const r1 = await newRequest(one.session, one.hub.slug);
    const r2 = await newRequest(two.session, two.hub.slug, { fetchRadiusKm: 100 });
    const before = await expectJson(await call(`/listings/${listing.id}/matches`), 200, ZListingMatches);
    expect(before.items.map((i) => i.request.id).sort()).toEqual([r1.id, r2.id].sort());

    await expectJson(
      await call(`/listings/${listing.id}`, { session: giver.session, method: 'DELETE' }),
      200,
      ZListing,
    );

    expect(
      await count("SELECT count(*) AS n FROM matches WHERE listing_id = ?1 AND state = 'open'", listing.id),
    ).toBe(0);
    expect(
      await count("SELECT count(*) AS n FROM matches WHERE listing_id = ?1 AND state = 'stale'", listing.id),
    ).toBe(2);
    for (const [who, r] of [
      [one, r1],
      [two, r2],
    ] as const) {
      const page = await expectJson(
        await call(`/requests/${r.id}/matches`, { session: who.session }),
        200,
        ZRequestMatches,
      );
      expect(page.items).toHaveLength(0);
      expect(page.bundle).toBeNull();
    }
    expect(
      (await expectJson(await call(`/listings/${listing.id}/matches`), 200, ZListingMatches)).items,
    ).toHaveLength(0);
  });

  it('builds a bundle that fills the whole quantity from several listings, nearest first', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const near = await makerAt('kortrijk');
    const far = await makerAt('brussels');
    const farther = await makerAt('leuven');
    const request = await newRequest(asker.session, asker.hub.slug, {
      category: 'birch-plywood',
      unit: 'sheets',
      quantity: 10,
      minLengthMm: null,
      minWidthMm: null,
      minThicknessMm: null,
      fetchRadiusKm: 100,
    });
    const a = await newListing(far.session, far.hub.slug, { quantity: 4 });
    const b = await newListing(near.session, near.hub.slug, { quantity: 4 });
    const c = await newListing(farther.session, farther.hub.slug, { quantity: 4 });

    const page = await expectJson(
      await call(`/requests/${request.id}/matches`, { session: asker.session }),
      200,
      ZRequestMatches,
    );
    expect(page.items).toHaveLength(3);
    const bundle = page.bundle!;
    expect(bundle.items.map((i) => [i.listingId, i.take])).toEqual([
      [b.id, 4],
      [a.id, 4],
      [c.id, 2],
    ]);
    expect(bundle).toMatchObject({ complete: true, covered: 10, needed: 10, unit: 'sheets' });
    const sum = bundle.items.reduce((s, i) => s + i.distanceKm, 0);
    expect(Math.abs(bundle.totalDistanceKm - sum)).toBeLessThan(0.25);
  });

  it('shows a listing the hubs that asked for something like it, and its estimated mass', async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const asker = await makerAt('ghent');
    const listing = await newListing(giver.session, giver.hub.slug);
    const request = await newRequest(asker.session, asker.hub.slug);
    const page = await expectJson(await call(`/listings/${listing.id}/matches`), 200, ZListingMatches);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.request).toMatchObject({ id: request.id, hub: { slug: asker.hub.slug } });
    expect(page.mass).toMatchObject({ kg: 36.3, estimated: true });
  });

  it('the scheduled pass expires matches of listings past their date, with a fixed clock', async () => {
    const makerAt = newArea();
    const giver = await makerAt('kortrijk');
    const asker = await makerAt('ghent');
    const listing = await newListing(giver.session, giver.hub.slug, { availableUntil: '2099-01-31' });
    const request = await newRequest(asker.session, asker.hub.slug);
    expect((await matchRow(listing.id, request.id))?.state).toBe('open');
    const result = (await matchingJob.run({ db, now: () => new Date('2099-02-01T07:00:00Z'), env })) as {
      expired: number;
    };
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await matchRow(listing.id, request.id))?.state).toBe('stale');
  });

  it('does not match the same hub, another family, or beyond the fetch radius', async () => {
    const makerAt = newArea();
    const asker = await makerAt('ghent');
    const far = await makerAt('leuven');
    const request = await newRequest(asker.session, asker.hub.slug, { fetchRadiusKm: 50 });
    const own = await newListing(asker.session, asker.hub.slug);
    const metal = await newListing(far.session, far.hub.slug, {
      category: 'steel',
      fetchRadiusKm: undefined,
    });
    const tooFar = await newListing(far.session, far.hub.slug);
    for (const l of [own, metal, tooFar]) expect(await matchRow(l.id, request.id)).toBeNull();
  });
});
