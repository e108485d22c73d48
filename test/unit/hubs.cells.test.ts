import { describe, expect, it } from 'vitest';
import {
  boxRanges,
  cellOf,
  ringRanges,
  squareReachMetres,
  type CellRanges,
} from '../../src/modules/hubs/hubs.domain';
import { boundingBox } from '../../src/modules/hubs/hubs.service';
import { distanceMetres } from '../../src/modules/search/search.domain';
import { RING_CELLS } from '../../src/modules/hubs/hubs.service';

const inRanges = (ranges: CellRanges, cell: number) => ranges.some(([a, b]) => cell >= a && cell <= b);

let seed = 11;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

// Europe, where the hubs are (the antimeridian and the poles are handled, not tuned for).
const CENTRES = [
  { lat: 51.05, lon: 3.72 },
  { lat: 51.0, lon: 3.0 }, // on a cell corner
  { lat: 38.72, lon: -9.14 },
  { lat: 60.17, lon: 24.94 },
  { lat: 64.15, lon: -21.94 },
];

describe('the cells of hubs (migration 0037)', () => {
  it('numbers a cell as SQLite does: row * 4000 + column of 0.1°', () => {
    expect(cellOf({ lat: 51.05, lon: 3.72 })).toBe(1410 * 4000 + 1837);
    expect(cellOf({ lat: -90, lon: -180 })).toBe(0);
    expect(cellOf({ lat: 90, lon: 180 })).toBe(1800 * 4000 + 3600);
  });

  it('reads each cell once across the rings, and the rings together are every cell', () => {
    for (const c of CENTRES) {
      const rings = RING_CELLS.map((k, i) => ringRanges(c, i === 0 ? -1 : RING_CELLS[i - 1]!, k));
      for (let n = 0; n < 3000; n++) {
        const p = { lat: -90 + rnd() * 180, lon: -180 + rnd() * 360 };
        // Near the point more often: most hubs a search reads are near it.
        const q = n % 2 ? p : { lat: c.lat + (rnd() - 0.5) * 6, lon: c.lon + (rnd() - 0.5) * 9 };
        const cell = cellOf(q);
        expect(rings.filter((r) => inRanges(r, cell)).length, JSON.stringify(q)).toBe(1);
      }
    }
  });

  it('a hub outside a square is never nearer than the square reaches (so nearest first is exact)', () => {
    for (const c of CENTRES)
      for (const k of [0, 2, 20]) {
        const square = ringRanges(c, -1, k);
        const reach = squareReachMetres(c, k);
        // At least k cells of longitude at that latitude: the square reaches as far as it spans.
        expect(reach).toBeGreaterThanOrEqual(k * 0.1 * 111_000 * Math.cos((c.lat * Math.PI) / 180) * 0.99);
        for (let n = 0; n < 4000; n++) {
          const span = (k + 2) * 0.1;
          const q = { lat: c.lat + (rnd() - 0.5) * 2 * span, lon: c.lon + (rnd() - 0.5) * 4 * span };
          if (!inRanges(square, cellOf(q)))
            expect(distanceMetres(c, q), JSON.stringify({ c, k, q })).toBeGreaterThanOrEqual(
              Math.floor(reach),
            );
        }
      }
    expect(squareReachMetres(CENTRES[0]!, Infinity)).toBe(Infinity);
  });

  it('covers every point of a radius with the cells of its box', () => {
    for (const c of CENTRES)
      for (const km of [1, 25, 150]) {
        const ranges = boxRanges(boundingBox(c, km));
        for (let n = 0; n < 2000; n++) {
          const q = { lat: c.lat + (rnd() - 0.5) * (km / 50), lon: c.lon + (rnd() - 0.5) * (km / 25) };
          if (distanceMetres(c, q) <= km * 1000) expect(inRanges(ranges, cellOf(q))).toBe(true);
        }
        // One range per row of cells: a 25 km radius is a handful of seeks, not the hubs table.
        if (km === 25) expect(ranges.length).toBeLessThanOrEqual(6);
      }
  });
});
