import { describe, expect, it } from 'vitest';
import {
  boxRanges,
  boxRingRanges,
  cellOf,
  FIRST_RING_CELLS,
  firstRingCells,
  nextRingCells,
  ringRanges,
  sharedRanges,
  squareReachMetres,
  type CellRanges,
} from '../../src/modules/hubs/hubs.domain';
import { boundingBox } from '../../src/modules/hubs/hubs.service';
import { distanceMetres } from '../../src/modules/search/search.domain';

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

  it("sizes the second square by the first's density: a few hundred hubs more, wider where hubs are few", () => {
    // The bench's grid (a hub a cell): 25 in the first square, 289 in a square of 8.
    expect(nextRingCells(FIRST_RING_CELLS, 25)).toBe(8);
    for (const seen of [0, 1, 5, 25, 100, 400]) {
      const k = nextRingCells(FIRST_RING_CELLS, seen);
      const perCell = Math.max(seen, 1) / 25;
      const expected = perCell * (2 * k + 1) ** 2;
      // At least RING_HUBS (256) more at that density, and not a ring of cells more than needed.
      expect(expected, String(seen)).toBeGreaterThanOrEqual(seen + 256);
      expect(perCell * (2 * k - 1) ** 2, String(seen)).toBeLessThan(seen + 256);
    }
    // An empty first square counts as one hub: the second reaches about 4° round the point.
    expect(nextRingCells(FIRST_RING_CELLS, 0)).toBe(40);
    // Always wider than the first, and every cell when that is most of the earth.
    expect(nextRingCells(30, 100_000)).toBe(31);
    expect(nextRingCells(800, 1)).toBe(Infinity);
  });

  it('goes on from a distance with the smallest square reaching past it', () => {
    for (const c of CENTRES) {
      expect(firstRingCells(c)).toBe(FIRST_RING_CELLS);
      for (const m of [0, 10_000, 60_000, 500_000]) {
        const k = firstRingCells(c, m);
        expect(squareReachMetres(c, k)).toBeGreaterThan(m);
        if (k > FIRST_RING_CELLS) expect(squareReachMetres(c, k - 1)).toBeLessThanOrEqual(m);
      }
    }
    expect(firstRingCells(CENTRES[0]!, 30_000_000)).toBe(Infinity);
  });

  it('reads each cell once across the rings, and the rings together are every cell', () => {
    for (const [c, seen] of CENTRES.flatMap((c) => [0, 25, 400].map((n) => [c, n] as const))) {
      const widths = [FIRST_RING_CELLS, nextRingCells(FIRST_RING_CELLS, seen), Infinity];
      const rings = widths.map((k, i) => ringRanges(c, i === 0 ? -1 : widths[i - 1]!, k));
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

  it('within a radius, reads each cell of its box once: squares inside the box, then the box less them', () => {
    for (const c of CENTRES)
      for (const km of [10, 60, 150, 400]) {
        const box = boxRanges(boundingBox(c, km));
        // As `hubRings` with a radius: squares (each cut to the box) until one reaches past it.
        const rings: CellRanges[] = [];
        let inner = -1;
        for (const k of [FIRST_RING_CELLS, nextRingCells(FIRST_RING_CELLS, 25), Infinity]) {
          if (squareReachMetres(c, k) >= km * 1000) {
            rings.push(boxRingRanges(c, box, inner));
            break;
          }
          rings.push(sharedRanges(ringRanges(c, inner, k), box));
          inner = k;
        }
        // A small radius is its box at once; a large one reads the squares first.
        if (km === 10) expect(rings).toEqual([box]);
        if (km === 400) expect(rings.length).toBe(3);
        for (let n = 0; n < 3000; n++) {
          const q = { lat: c.lat + (rnd() - 0.5) * (km / 40), lon: c.lon + (rnd() - 0.5) * (km / 20) };
          const cell = cellOf(q);
          const reading = rings.filter((r) => inRanges(r, cell)).length;
          expect(reading, JSON.stringify({ c, km, q })).toBe(inRanges(box, cell) ? 1 : 0);
        }
      }
  });

  it('the cells shared by two lists of ranges', () => {
    expect(
      sharedRanges(
        [
          [1, 5],
          [8, 12],
          [20, 30],
        ],
        [
          [4, 9],
          [11, 21],
          [25, 25],
        ],
      ),
    ).toEqual([
      [4, 5],
      [8, 9],
      [11, 12],
      [20, 21],
      [25, 25],
    ]);
    expect(sharedRanges([[1, 5]], [[6, 9]])).toEqual([]);
    expect(sharedRanges([], [[6, 9]])).toEqual([]);
  });
});
