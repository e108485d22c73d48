import { describe, expect, it } from 'vitest';
import {
  cellOf,
  MAP_LEVELS,
  mapCellBox,
  mapLevel,
  mapLevelRanges,
  type MapBox,
} from '../../src/modules/hubs/hubs.domain';
import { mapColumns, viewBox } from '../../web/src/lib/components/hub-map/view';

/** A level's key of a point, as migration 0061's triggers compute it. */
const levelKey = (p: { lat: number; lon: number }, level: number) => {
  const cell = cellOf(p);
  return (Math.floor(cell / 4000) >> level) * 4000 + ((cell % 4000) >> level);
};
const inRanges = (ranges: [number, number][], key: number) => ranges.some(([a, b]) => key >= a && key <= b);

let seed = 7;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

describe('the cells of a map of every hub', () => {
  it('divides a view into about `columns` cells across its wider side, hub by hub when small', () => {
    const europe: MapBox = { south: 35, west: -10, north: 70, east: 40 };
    // 50° in 10 cells: cells of at least 5°, the level of 6.4°.
    expect(mapLevel(europe, 10)).toBe(6);
    expect(mapLevel(europe, 24)).toBe(5); // 2.08° → 3.2°
    expect(mapLevel({ south: 50.9, west: 3.5, north: 51.2, east: 3.9 }, 10)).toBe(0);
    expect(mapLevel({ south: 50, west: 3, north: 51, east: 5 }, 10)).toBe(1); // 0.2°
    expect(mapLevel({ south: -80, west: -180, north: 80, east: 180 }, 4)).toBe(MAP_LEVELS);
    // Across the antimeridian: 179 → -179 is 2° wide, not 358°.
    expect(mapLevel({ south: -17.5, west: 179, north: -16, east: -179 }, 10)).toBe(1);
  });

  it('reads every cell of the level holding a point of the view, and no row of cells beyond it', () => {
    for (let i = 0; i < 300; i++) {
      const south = -60 + rnd() * 120;
      const north = Math.min(89, south + rnd() * 20);
      const west = -180 + rnd() * 360;
      const east = ((west + 180 + rnd() * 40) % 360) - 180; // may cross the antimeridian
      const box = { south, west, north, east };
      const level = 1 + Math.floor(rnd() * MAP_LEVELS);
      const ranges = mapLevelRanges(box, level);
      for (let j = 0; j < 20; j++) {
        const lat = south + rnd() * (north - south);
        const span = east >= west ? east - west : east + 360 - west;
        const lon = ((west + rnd() * span + 540) % 360) - 180;
        expect(
          inRanges(ranges, levelKey({ lat, lon }, level)),
          JSON.stringify({ box, level, lat, lon }),
        ).toBe(true);
      }
      // One range per row of cells (two where the view crosses the antimeridian), no more.
      const rows = (Math.floor((north + 90) * 10) >> level) - (Math.floor((south + 90) * 10) >> level) + 1;
      expect(ranges.length).toBeLessThanOrEqual(rows * (east >= west ? 1 : 2));
    }
  });

  it('gives each cell the box it covers, holding the points keyed to it', () => {
    for (let i = 0; i < 500; i++) {
      const p = { lat: -89 + rnd() * 178, lon: -179.9 + rnd() * 359.8 };
      const level = 1 + Math.floor(rnd() * MAP_LEVELS);
      const box = mapCellBox(level, levelKey(p, level));
      expect(p.lat).toBeGreaterThanOrEqual(box.south - 1e-9);
      expect(p.lat).toBeLessThanOrEqual(box.north + 1e-9);
      expect(p.lon).toBeGreaterThanOrEqual(box.west - 1e-9);
      expect(p.lon).toBeLessThanOrEqual(box.east + 1e-9);
      expect(box.north - box.south).toBeLessThanOrEqual(0.1 * 2 ** level + 1e-9);
    }
    expect(mapCellBox(4, levelKey({ lat: -43.55, lon: 171.05 }, 4))).toEqual({
      south: -43.6,
      west: 170.4,
      north: -42,
      east: 172,
    });
  });
});

describe('what a map asks for', () => {
  const bounds = (south: number, west: number, north: number, east: number) => ({
    getSouth: () => south,
    getWest: () => west,
    getNorth: () => north,
    getEast: () => east,
  });
  it('sends its view with longitudes folded into ±180 and latitudes within ±90', () => {
    expect(viewBox(bounds(50.61234567, 2.5, 51.5, 5.9))).toBe('50.6123,2.5,51.5,5.9');
    // Panned a turn round the world: the same place.
    expect(viewBox(bounds(50, 362.5, 51, 365.9))).toBe('50,2.5,51,5.9');
    // Across the antimeridian: the west above the east.
    expect(viewBox(bounds(-17.5, 179, -16, 181))).toBe('-17.5,179,-16,-179');
    // Zoomed out past the whole world, and beyond the poles Leaflet can show.
    expect(viewBox(bounds(-95, -300, 95, 300))).toBe('-90,-180,90,180');
    // A view ending at the antimeridian keeps its east edge.
    expect(viewBox(bounds(0, 170, 10, 180))).toBe('0,170,10,180');
  });
  it('asks for fewer cells on a phone than on a wide screen', () => {
    expect(mapColumns(360)).toBe(7);
    expect(mapColumns(1000)).toBe(20);
    expect(mapColumns(60)).toBe(2);
    expect(mapColumns(5000)).toBe(24);
  });
});
