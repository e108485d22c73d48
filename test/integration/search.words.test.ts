/**
 * Search reads what makers type: a size glued to its unit or not ("18mm", "18 mm"), sizes of
 * several numbers ("600x400", "44 x 44 mm"), little words
 * that are in no title ("bois de palette"), a French plural of a word in -e ("planches"), a name
 * of several words ("moteur pas à pas") and trade words across nl, fr and en.
 */
import { describe, expect, it } from 'vitest';
import { ZListingPage } from '../../src/shared/search.schemas';
import { call, createListing, expectJson, makerWithHub } from '../helpers';

const ids = (page: { items: { id: number }[] }) => page.items.map((l) => l.id);

describe('search by the words makers type', () => {
  it('sizes glued or not, little words, French plurals, names of several words, trade words', async () => {
    const ghent = await makerWithHub({ lat: 51.0517, lon: 3.7265 });
    const brussels = await makerWithHub({ lat: 50.8545, lon: 4.339 });
    const rotterdam = await makerWithHub({ lat: 51.8985, lon: 4.417 });
    const plyGhent = await createListing(ghent.session, ghent.hub.slug, {
      title: 'Birch plywood offcuts 18 mm',
    });
    const plyBrussels = await createListing(brussels.session, brussels.hub.slug, {
      title: 'Contreplaqué bouleau 18 mm',
    });
    const glued = await createListing(ghent.session, ghent.hub.slug, {
      title: 'Multiplex 18mm restplaten',
      category: 'plywood',
    });
    const planks = await createListing(brussels.session, brussels.hub.slug, {
      title: 'Steigerhout planken',
      category: 'softwood',
    });
    const pallets = await createListing(brussels.session, brussels.hub.slug, {
      title: 'Euro pallets',
      category: 'pallets',
    });
    const motors = await createListing(rotterdam.session, rotterdam.hub.slug, {
      title: 'NEMA 17 stepper motors from dismantled printers',
      category: 'components',
      kind: 'reclaimed',
      lengthMm: null,
      widthMm: null,
      thicknessMm: null,
    });
    const battens = await createListing(ghent.session, ghent.hub.slug, {
      title: 'Pine battens 44 × 44 mm',
      category: 'softwood',
    });
    const panels = await createListing(brussels.session, brussels.hub.slug, {
      title: 'MDF panels 600x400',
      category: 'mdf',
    });
    const found = async (q: string) =>
      ids(await expectJson(await call(`/listings?q=${encodeURIComponent(q)}&limit=50`), 200, ZListingPage));
    // "18 mm" and "18mm" find the sheets written either way, and nothing without the size.
    for (const q of ['18mm', '18 mm', 'plywood 18MM'])
      expect((await found(q)).sort(), q).toEqual([plyGhent.id, plyBrussels.id, glued.id].sort());
    // Sizes of several numbers, typed either way, find titles written either way.
    for (const q of ['44x44', '44 x 44 mm', 'battens 44X44mm'])
      expect(await found(q), q).toEqual([battens.id]);
    for (const q of ['600x400', '600 x 400', 'mdf 600 x 400 mm'])
      expect(await found(q), q).toEqual([panels.id]);
    // Either way round, as "my part fits"; another size finds nothing.
    expect(await found('400x600')).toEqual([panels.id]);
    expect(await found('600x300')).toEqual([]);
    // Little words are not required: "de", "van", "the" are in none of these titles.
    expect(await found('bois de palette'), 'bois de palette').toEqual([pallets.id]);
    expect(await found('planken van steigerhout')).toEqual([planks.id]);
    expect(await found('the plywood offcuts')).toContain(plyGhent.id);
    // A French plural of a word in -e finds its other names ("planches" → plank, "palettes" → pallet).
    expect(await found('planches')).toEqual([planks.id]);
    expect(await found('palettes')).toEqual([pallets.id]);
    // Trade words across languages.
    for (const q of ['moteur pas à pas', 'moteurs', 'stappenmotor', 'motoren', 'stepper motor'])
      expect(await found(q), q).toEqual([motors.id]);
    // A name of several words still finds its words in another order.
    expect((await found('plywood birch')).sort()).toEqual([plyGhent.id, plyBrussels.id].sort());
    expect((await found('birch plywood')).sort()).toEqual([plyGhent.id, plyBrussels.id].sort());
  });
});
