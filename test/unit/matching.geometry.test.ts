import { describe, expect, it } from 'vitest';
import { partsPerSheet, thicknessFits } from '../../src/modules/matching/matching.geometry';

const part = (lengthMm: number, widthMm: number, thicknessMm: number | null = null) => ({
  lengthMm,
  widthMm,
  thicknessMm,
});

describe('parts per sheet', () => {
  it('fills a sheet in a grid', () => {
    expect(partsPerSheet(part(300, 200), part(600, 400))).toBe(4);
    expect(partsPerSheet(part(100, 100), part(1000, 1000))).toBe(100);
  });

  it('turns parts a quarter when that fits more, or when only turned they fit', () => {
    // Upright 400 × 100 on 100 × 800 fits none; turned it fits two.
    expect(partsPerSheet(part(400, 100), part(100, 800))).toBe(2);
    // Part larger than the sheet either way.
    expect(partsPerSheet(part(700, 500), part(600, 400))).toBe(0);
    // A sheet given as width × length gives the same count as length × width.
    expect(partsPerSheet(part(300, 200), part(400, 600))).toBe(4);
  });

  it('mixes orientations: a block upright, the rest turned', () => {
    // 500 × 300 parts on 1100 × 500: two upright (columns of 500 along the length) leave 100 mm;
    // turned, three 300-wide parts use 900 mm, leaving 200 mm … best is 3.
    expect(partsPerSheet(part(500, 300), part(1100, 500))).toBe(3);
    // 300 × 200 on 800 × 500: a plain grid holds 4 either way; four upright along the 800 mm side
    // (one 300 mm column) and two turned in the 200 mm left hold 6.
    expect(partsPerSheet(part(300, 200), part(800, 500))).toBe(6);
  });

  it('works with fractions of a millimetre and exact fits', () => {
    expect(partsPerSheet(part(297, 210), part(594, 420))).toBe(4);
    expect(partsPerSheet(part(0.1 * 3, 0.1 * 3), part(0.9, 0.3))).toBe(3);
  });

  it('refuses a sheet whose thickness is outside the tolerance', () => {
    expect(partsPerSheet(part(300, 200, 18), part(600, 400, 12))).toBe(0);
    expect(partsPerSheet(part(300, 200, 18), part(600, 400, 18.4))).toBe(4);
  });
});

describe('thickness tolerance', () => {
  it('allows the larger of 0.5 mm and 5 %', () => {
    expect(thicknessFits(18, 18.5)).toBe(true);
    expect(thicknessFits(18, 18.91)).toBe(false);
    expect(thicknessFits(18, 17.1)).toBe(true); // 5 % of 18 is 0.9
    expect(thicknessFits(3, 3.5)).toBe(true); // 0.5 mm is more than 5 % of 3
    expect(thicknessFits(3, 3.6)).toBe(false);
  });

  it('passes when either thickness is unknown', () => {
    expect(thicknessFits(null, 18)).toBe(true);
    expect(thicknessFits(18, null)).toBe(true);
  });

  it('takes a custom tolerance', () => {
    expect(thicknessFits(18, 18.3, { absoluteMm: 0.2, relative: 0 })).toBe(false);
  });
});
