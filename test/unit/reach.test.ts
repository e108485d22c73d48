import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/shared/geo';
import { scoreMatch, type MatchListing, type MatchRequest } from '../../src/modules/matching/matching.domain';
import type { THubSummary } from '../../src/shared/hubs.schemas';
import { hubsReaching } from '../../web/src/lib/reach';

const hub = (slug: string, lat: number, lon: number): THubSummary => ({
  slug,
  name: slug,
  city: 'Somewhere',
  country: 'BE',
  kind: 'fab_lab',
  lat,
  lon,
});

const asker = hub('asker', 50.85, 4.35);
const request = (fetchRadiusKm: number): MatchRequest => ({
  id: 1,
  hubId: 1,
  category: 'plywood',
  quantityMilli: 4000,
  unit: 'sheets',
  minLengthMm: null,
  minWidthMm: null,
  minThicknessMm: null,
  neededBy: null,
  fetchRadiusKm,
  status: 'open',
});
const listing: MatchListing = {
  id: 1,
  hubId: 2,
  category: 'plywood',
  quantityMilli: 4000,
  unit: 'sheets',
  lengthMm: null,
  widthMm: null,
  thicknessMm: null,
  condition: 'good',
  availableFrom: null,
  availableUntil: null,
  status: 'active',
};

describe('a hub within reach of a request (the request page and its cards)', () => {
  it('says within exactly when matching would pair the two hubs, at the radius and a metre past it', () => {
    // Hubs due east of the asker, a few hundred metres apart around 30 km.
    const hubs = Array.from({ length: 9 }, (_, i) => hub(`h${i}`, 50.85, 4.35 + 0.42 + i * 0.0015));
    for (const radiusKm of [29, 30, 31]) {
      for (const h of hubsReaching({ hub: asker, fetchRadiusKm: radiusKm }, hubs)) {
        const paired = scoreMatch(listing, request(radiusKm), h.metres, '2026-12-06') !== null;
        expect(h.within, `${h.hub.slug} at ${h.metres} m, radius ${radiusKm} km`).toBe(paired);
      }
    }
    // The hubs straddle 30 km: some within, some not.
    const at30 = hubsReaching({ hub: asker, fetchRadiusKm: 30 }, hubs).map((h) => h.within);
    expect(at30).toContain(true);
    expect(at30).toContain(false);
    // Exactly at the radius is within, as for matching.
    const at = hub('at', 50.85, 4.8);
    const metres = distanceMetres(asker, at);
    const [only] = hubsReaching({ hub: asker, fetchRadiusKm: metres / 1000 }, [at]);
    expect(only!.within).toBe(true);
    expect(hubsReaching({ hub: asker, fetchRadiusKm: (metres - 1) / 1000 }, [at])[0]!.within).toBe(false);
  });

  it('leaves out the request’s own hub and lists the others nearest first', () => {
    const far = hub('far', 51.9, 4.45);
    const near = hub('near', 50.88, 4.7);
    const list = hubsReaching({ hub: asker, fetchRadiusKm: 50 }, [far, { ...asker }, near]);
    expect(list.map((h) => [h.hub.slug, h.within])).toEqual([
      ['near', true],
      ['far', false],
    ]);
    expect(list[0]!.metres).toBe(distanceMetres(asker, near));
  });
});
