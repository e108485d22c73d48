import { describe, expect, it } from 'vitest';
import { cityName } from '../../src/shared/places';

describe('cityName', () => {
  it('names a city in the reader’s language whichever language it was stored in', () => {
    for (const stored of ['Gent', 'Ghent', 'Gand', ' gent ']) {
      expect(cityName(stored, 'nl')).toBe('Gent');
      expect(cityName(stored, 'fr')).toBe('Gand');
      expect(cityName(stored, 'en')).toBe('Ghent');
    }
    expect([cityName('Brussels', 'nl'), cityName('Brussels', 'fr'), cityName('Brussels', 'en')]).toEqual([
      'Brussel',
      'Bruxelles',
      'Brussels',
    ]);
    expect(cityName('Leuven', 'fr')).toBe('Louvain');
    expect(cityName('Antwerpen', 'fr')).toBe('Anvers');
    expect(cityName('Antwerpen', 'en')).toBe('Antwerp');
    expect(cityName('Liège', 'nl')).toBe('Luik');
    expect(cityName('Liege', 'nl')).toBe('Luik');
    expect(cityName('Bergen', 'fr')).toBe('Mons');
    expect(cityName("'s-Gravenhage", 'en')).toBe('The Hague');
  });

  it('leaves a city with one name, or one it does not know, as it was typed', () => {
    expect(cityName('Kortrijk', 'nl')).toBe('Kortrijk');
    expect(cityName('Rotterdam', 'fr')).toBe('Rotterdam');
    expect(cityName('Genk', 'en')).toBe('Genk');
    expect(cityName('Zottegem', 'fr')).toBe('Zottegem');
    expect(cityName('', 'fr')).toBe('');
  });

  it('has one entry per name: no name belongs to two cities', async () => {
    const source = await import('../../src/shared/places');
    // Every name maps back to a table row whose Dutch name maps to itself.
    for (const name of ['Gent', 'Brussel', 'Antwerpen', 'Leuven', 'Luik', 'Bergen', 'Brugge', 'Mechelen'])
      for (const locale of ['nl', 'fr', 'en'] as const)
        expect(source.cityName(source.cityName(name, locale), 'nl')).toBe(name);
  });
});
