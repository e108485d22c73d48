import { describe, expect, it } from 'vitest';
import { boundingBox } from '../../src/modules/hubs/hubs.service';
import { distanceMetres } from '../../src/modules/search/search.domain';

const inBox = (b: ReturnType<typeof boundingBox>, p: { lat: number; lon: number }) =>
  p.lat >= b.latMin && p.lat <= b.latMax && b.lon.some(([w, e]) => p.lon >= w && p.lon <= e);

describe('the bounding box of a radius (hubs read for a search with a radius)', () => {
  it('holds every point within the radius, wherever on earth', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const centre of [
      { lat: 51.05, lon: 3.72 },
      { lat: 0, lon: 179.9 },
      { lat: -33.9, lon: -179.95 },
      { lat: 78.2, lon: 15.6 },
      { lat: 89.5, lon: 0 },
    ])
      for (const km of [1, 25, 300, 2500]) {
        const box = boundingBox(centre, km);
        for (let i = 0; i < 400; i++) {
          const p = {
            lat: Math.max(-90, Math.min(90, centre.lat + (rnd() - 0.5) * 2 * (km / 100))),
            lon: ((centre.lon + (rnd() - 0.5) * 2 * (km / 20) + 540) % 360) - 180,
          };
          if (distanceMetres(centre, p) <= km * 1000)
            expect(inBox(box, p), `${JSON.stringify(p)} ${km}`).toBe(true);
        }
      }
  });

  it('is small where it can be: 25 km around Ghent is about half a degree tall', () => {
    const box = boundingBox({ lat: 51.05, lon: 3.72 }, 25);
    expect(box.latMax - box.latMin).toBeLessThan(0.5);
    expect(box.lon).toHaveLength(1);
    expect(box.lon[0]![1] - box.lon[0]![0]).toBeLessThan(0.75);
  });

  it('splits at the antimeridian and opens at the poles', () => {
    expect(boundingBox({ lat: 0, lon: 179.9 }, 50).lon).toHaveLength(2);
    expect(boundingBox({ lat: 89.9, lon: 0 }, 50).lon).toEqual([[-180, 180]]);
  });
});
