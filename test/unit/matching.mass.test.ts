import { describe, expect, it } from 'vitest';
import { estimateMass, MASS_RANGE } from '../../src/modules/matching/matching.geometry';
import { ZMassEstimate } from '../../src/shared/matching.schemas';

const sheet = {
  category: 'birch-plywood',
  unit: 'sheets' as const,
  quantity: 1,
  lengthMm: 2500,
  widthMm: 1250,
  thicknessMm: 18,
};

describe('mass estimate', () => {
  it('multiplies volume by the category density, with a range', () => {
    // 2.5 × 1.25 × 0.018 m³ × 700 kg/m³ = 39.375 kg
    const m = estimateMass(sheet)!;
    expect(ZMassEstimate.parse(m)).toEqual({ kg: 39.4, lowKg: 31.5, highKg: 47.3, estimated: true });
    expect(m.lowKg).toBeCloseTo(39.375 * (1 - MASS_RANGE), 0);
    expect(m.highKg).toBeCloseTo(39.375 * (1 + MASS_RANGE), 0);
  });

  it('scales with the quantity of sheets or pieces', () => {
    expect(estimateMass({ ...sheet, quantity: 10 })!.kg).toBe(393.8);
    expect(estimateMass({ ...sheet, unit: 'pieces', quantity: 2 })!.kg).toBe(78.8);
  });

  it('uses area × thickness for m² and the volume for m³', () => {
    expect(estimateMass({ ...sheet, unit: 'm2', quantity: 10, lengthMm: null, widthMm: null })!.kg).toBe(126);
    expect(
      estimateMass({
        category: 'steel',
        unit: 'm3',
        quantity: 0.01,
        lengthMm: null,
        widthMm: null,
        thicknessMm: null,
      })!.kg,
    ).toBe(78.5);
  });

  it('is not estimated when the unit already is a mass, a side is missing, or the density is unknown', () => {
    expect(estimateMass({ ...sheet, unit: 'kg' })).toBeNull();
    expect(estimateMass({ ...sheet, thicknessMm: null })).toBeNull();
    expect(estimateMass({ ...sheet, category: 'components' })).toBeNull();
    expect(estimateMass({ ...sheet, unit: 'hours' })).toBeNull();
  });

  it('the range always holds the estimate', () => {
    for (const q of [0.001, 1, 3.5, 1000]) {
      const m = estimateMass({ ...sheet, quantity: q })!;
      expect(m.lowKg).toBeLessThanOrEqual(m.kg);
      expect(m.highKg).toBeGreaterThanOrEqual(m.kg);
    }
  });
});
