import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MASS_RANGE_PERMILLE,
  estimateMass,
  gramsFromQuantity,
  gramsToKg,
  massRange,
  mulDivRound,
  shownEstimate,
} from '../../src/shared/mass';
import { ZMassEstimate } from '../../src/shared/matching.schemas';
import { UNITS } from '../../src/shared/constants';

const sheet = {
  category: 'birch-plywood',
  unit: 'sheets' as const,
  quantityMilli: 1000,
  lengthMm: 2500,
  widthMm: 1250,
  thicknessMm: 18,
};
const noSides = { lengthMm: null, widthMm: null, thicknessMm: null };

describe('the one mass rule', () => {
  it('multiplies volume by the category density, in whole grams, with the ± 25 % range', () => {
    // 2.5 × 1.25 × 0.018 m³ × 700 kg/m³ = 39.375 kg
    expect(estimateMass(sheet)).toEqual({
      source: 'estimated',
      grams: 39_375,
      lowGrams: 29_531,
      highGrams: 49_219,
    });
    expect(DEFAULT_MASS_RANGE_PERMILLE).toBe(250);
  });

  it('covers every unit: pieces and sheets with sides, kg, m, m², m³, litres; hours have no mass', () => {
    const g = (unit: (typeof UNITS)[number], quantityMilli: number, sides = {}) =>
      gramsFromQuantity({ ...sheet, ...noSides, ...sides, unit, quantityMilli });
    expect(g('pieces', 2000, { lengthMm: 600, widthMm: 400, thicknessMm: 18 })).toBe(6048);
    expect(g('kg', 2500)).toBe(2500);
    // 3 m of 100 × 18 mm birch: 3 × 0.1 × 0.018 × 700 = 3.78 kg
    expect(g('m', 3000, { widthMm: 100, thicknessMm: 18 })).toBe(3780);
    // 1.5 m² × 18 mm × 700 = 18.9 kg
    expect(g('m2', 1500, { thicknessMm: 18 })).toBe(18_900);
    expect(
      gramsFromQuantity({ ...sheet, ...noSides, category: 'steel', unit: 'm3', quantityMilli: 10 }),
    ).toBe(78_500);
    // 2 litres of PET at 1380 kg/m³ = 2.76 kg
    expect(
      gramsFromQuantity({ ...sheet, ...noSides, category: 'pet', unit: 'litres', quantityMilli: 2000 }),
    ).toBe(2760);
    expect(g('hours', 2000)).toBeNull();
    // Every unit is answered (a number or null), none throws.
    for (const unit of UNITS) expect(() => g(unit, 1234)).not.toThrow();
  });

  it('is exact with sides in decimals and large quantities (no float noise)', () => {
    // 17.5 mm: 1 × 1 × 0.0175 × 700 = 12.25 kg per m²
    expect(
      gramsFromQuantity({ ...sheet, ...noSides, unit: 'm2', quantityMilli: 1000, thicknessMm: 17.5 }),
    ).toBe(12_250);
    expect(gramsFromQuantity({ ...sheet, quantityMilli: 1_000_000_000 })).toBe(39_375_000_000);
  });

  it('prefers a weighed mass (no range), says unknown when it cannot tell', () => {
    expect(estimateMass({ ...sheet, weighedGrams: 1234 })).toEqual({
      source: 'weighed',
      grams: 1234,
      lowGrams: 1234,
      highGrams: 1234,
    });
    expect(estimateMass({ ...sheet, thicknessMm: null }).source).toBe('unknown');
    expect(estimateMass({ ...sheet, category: 'components' }).grams).toBeNull();
    expect(estimateMass({ ...sheet, unit: 'hours', weighedGrams: 500 }).source).toBe('unknown');
  });

  it('the range always holds the estimate, and follows the method', () => {
    for (const q of [1, 1000, 3500, 1_000_000]) {
      const m = estimateMass({ ...sheet, quantityMilli: q });
      if (m.source === 'unknown') continue;
      expect(m.lowGrams).toBeLessThanOrEqual(m.grams);
      expect(m.highGrams).toBeGreaterThanOrEqual(m.grams);
    }
    expect(massRange(10_000, 'estimated', 100)).toEqual({ lowGrams: 9000, highGrams: 11_000 });
    expect(massRange(10_000, 'weighed', 100)).toEqual({ lowGrams: 10_000, highGrams: 10_000 });
  });

  it('a match card shows the estimate in grams and kg, and none when the unit is a mass', () => {
    const shown = shownEstimate(sheet)!;
    expect(ZMassEstimate.parse(shown)).toEqual({
      grams: 39_375,
      lowGrams: 29_531,
      highGrams: 49_219,
      kg: 39.4,
      lowKg: 29.5,
      highKg: 49.2,
      estimated: true,
    });
    expect(shownEstimate({ ...sheet, unit: 'kg' })).toBeNull();
    expect(shownEstimate({ ...sheet, unit: 'hours' })).toBeNull();
    expect(gramsToKg(39_350)).toBe(39.4);
    expect(gramsToKg(-1250)).toBe(-1.3);
  });

  it('rounds exactly, half away from zero, beyond 2^53 intermediate products', () => {
    expect(mulDivRound(5, 1, 2)).toBe(3);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(1_000_000_000_000, 24_865_000, 1_000_000)).toBe(24_865_000_000_000);
  });
});
