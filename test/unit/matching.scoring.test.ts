import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  categoryCloseness,
  scoreMatch,
  WEIGHTS,
  type MatchListing,
  type MatchRequest,
} from '../../src/modules/matching/matching.domain';
import { ZMatchReason } from '../../src/shared/matching.schemas';

const TODAY = '2026-03-02';
const listing: MatchListing = {
  id: 1,
  hubId: 1,
  category: 'birch-plywood',
  quantityMilli: 12_000,
  unit: 'sheets',
  lengthMm: 600,
  widthMm: 400,
  thicknessMm: 18,
  condition: 'good',
  availableFrom: null,
  availableUntil: null,
  status: 'active',
};
const request: MatchRequest = {
  id: 2,
  hubId: 2,
  category: 'birch-plywood',
  quantityMilli: 4_000,
  unit: 'sheets',
  minLengthMm: null,
  minWidthMm: null,
  minThicknessMm: null,
  neededBy: null,
  fetchRadiusKm: 50,
  status: 'open',
};
const score = (l: Partial<MatchListing> = {}, r: Partial<MatchRequest> = {}, metres = 10_000) =>
  scoreMatch({ ...listing, ...l }, { ...request, ...r }, metres, TODAY);

describe('weights', () => {
  it('add up to 100', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('category closeness', () => {
  it('orders same material > a kind of what was asked > broader > same family', () => {
    expect(categoryCloseness('birch-plywood', 'birch-plywood')).toBe('same');
    expect(categoryCloseness('plywood', 'birch-plywood')).toBe('within');
    expect(categoryCloseness('birch-plywood', 'wood')).toBe('broader');
    expect(categoryCloseness('mdf', 'birch-plywood')).toBe('family');
    expect(categoryCloseness('mdf', 'acrylic')).toBeNull();
    const s = (cat: string) => score({ category: cat })!.score;
    expect(s('birch-plywood')).toBeGreaterThan(s('plywood'));
    expect(s('plywood')).toBeGreaterThan(s('mdf'));
    expect(score({ category: 'acrylic' })).toBeNull();
  });
});

describe('scoreMatch', () => {
  it('gives a full-coverage, same-material, nearby match a high score and its reasons as codes', () => {
    const m = score()!;
    expect(m.score).toBeGreaterThanOrEqual(80);
    for (const r of m.reasons) ZMatchReason.parse(r);
    expect(m.reasons).toContainEqual({ code: 'coverage', covered: 4, needed: 4, unit: 'sheets' });
    expect(m.reasons).toContainEqual({ code: 'distance', km: 10 });
    expect(m.coveredMilli).toBe(4000);
  });

  it('ranks nearer higher and refuses beyond the fetch radius', () => {
    expect(score({}, {}, 5_000)!.score).toBeGreaterThan(score({}, {}, 45_000)!.score);
    expect(score({}, {}, 50_000)).not.toBeNull();
    expect(score({}, {}, 50_001)).toBeNull();
  });

  it('counts partial coverage', () => {
    const m = score({ quantityMilli: 3_000 })!;
    expect(m.reasons).toContainEqual({ code: 'coverage', covered: 3, needed: 4, unit: 'sheets' });
    expect(m.score).toBeLessThan(score()!.score);
  });

  it('treats coverage as unknown when units differ', () => {
    const m = score({ unit: 'kg' })!;
    expect(m.reasons).toContainEqual({ code: 'coverage_unknown' });
    expect(m.coveredMilli).toBeNull();
  });

  it('counts parts when the request gives a part size, rotation allowed', () => {
    const m = score(
      {},
      { unit: 'pieces', quantityMilli: 40_000, minLengthMm: 200, minWidthMm: 300, minThicknessMm: 18 },
    )!;
    expect(m.partsFit).toBe(48);
    expect(m.reasons).toContainEqual({ code: 'parts_fit', perSheet: 4, total: 48 });
    expect(m.reasons).toContainEqual({ code: 'coverage', covered: 40, needed: 40, unit: 'pieces' });
  });

  it('refuses sheets too small for one part, or too thick or thin', () => {
    expect(score({}, { minLengthMm: 700, minWidthMm: 500 })).toBeNull();
    expect(score({}, { minThicknessMm: 12 })).toBeNull();
    expect(score({ thicknessMm: 18.4 }, { minThicknessMm: 18 })).not.toBeNull();
  });

  it('keeps a listing without dimensions, saying its size is unknown', () => {
    const m = score({ lengthMm: null, widthMm: null }, { minLengthMm: 300, minWidthMm: 200 })!;
    expect(m.reasons).toContainEqual({ code: 'size_unknown' });
    expect(m.partsFit).toBeNull();
  });

  it('requires availability before the needed-by date', () => {
    expect(score({ availableFrom: '2026-04-01' }, { neededBy: '2026-03-15' })).toBeNull();
    const later = score({ availableFrom: '2026-03-10' }, { neededBy: '2026-03-15' })!;
    expect(later.reasons).toContainEqual({ code: 'available_from', date: '2026-03-10' });
    expect(later.score).toBeLessThan(score()!.score);
  });

  it('ranks a listing that expires soon higher, and drops an expired one', () => {
    const soon = score({ availableUntil: '2026-03-05' })!;
    expect(soon.reasons).toContainEqual({ code: 'expires_soon', days: 3 });
    expect(soon.score).toBeGreaterThan(score({ availableUntil: '2026-12-31' })!.score);
    expect(score({ availableUntil: '2026-03-01' })).toBeNull();
    expect(score({ availableUntil: TODAY })).not.toBeNull();
  });

  it('prefers better condition', () => {
    expect(score({ condition: 'new' })!.score).toBeGreaterThan(score({ condition: 'for_parts' })!.score);
  });

  it('never matches within one hub, or a withdrawn listing or closed request', () => {
    expect(score({ hubId: 2 })).toBeNull();
    expect(score({ status: 'withdrawn' })).toBeNull();
    expect(score({}, { status: 'fulfilled' })).toBeNull();
  });

  it('keeps scores between 0 and 100 as integers', () => {
    const m = score({ condition: 'for_parts', unit: 'kg', category: 'wood' }, { category: 'mdf' }, 49_999)!;
    expect(Number.isInteger(m.score)).toBe(true);
    expect(m.score).toBeGreaterThanOrEqual(0);
  });
});

describe('bundle', () => {
  const c = (listingId: number, km: number, covered: number | null, s = 50, hubId = listingId) => ({
    matchId: listingId + 100,
    listingId,
    hubId,
    distanceMetres: km * 1000,
    score: s,
    coveredMilli: covered === null ? null : covered * 1000,
  });

  it('fills the quantity nearest first, each taking what it can', () => {
    const b = buildBundle([c(1, 30, 4), c(2, 10, 4), c(3, 20, 4)], {
      quantityMilli: 10_000,
      unit: 'sheets',
    })!;
    expect(b.items.map((i) => [i.listingId, i.take])).toEqual([
      [2, 4],
      [3, 4],
      [1, 2],
    ]);
    expect(b).toMatchObject({ complete: true, covered: 10, needed: 10, totalDistanceKm: 60 });
  });

  it('counts the distance to a hub once: two listings at the same hub are one trip', () => {
    const b = buildBundle([c(1, 10, 4, 50, 7), c(2, 10, 4, 40, 7), c(3, 25, 4, 50, 8)], {
      quantityMilli: 12_000,
      unit: 'sheets',
    })!;
    expect(b.items.map((i) => i.listingId)).toEqual([1, 2, 3]);
    expect(b.totalDistanceKm).toBe(35);
  });

  it('says when the whole quantity cannot be filled', () => {
    const b = buildBundle([c(1, 10, 3)], { quantityMilli: 10_000, unit: 'sheets' })!;
    expect(b).toMatchObject({ complete: false, covered: 3 });
  });

  it('leaves out listings whose coverage is unknown, and is null without any', () => {
    expect(buildBundle([c(1, 10, null)], { quantityMilli: 1000, unit: 'kg' })).toBeNull();
    const b = buildBundle([c(1, 5, null), c(2, 10, 1)], { quantityMilli: 1000, unit: 'kg' })!;
    expect(b.items.map((i) => i.listingId)).toEqual([2]);
  });

  it('adds thousandths exactly', () => {
    const b = buildBundle([c(1, 1, 0.1), c(2, 2, 0.2)], { quantityMilli: 300, unit: 'kg' })!;
    expect(b.covered).toBe(0.3);
    expect(b.complete).toBe(true);
  });
});
