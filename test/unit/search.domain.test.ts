import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  defaultSort,
  distanceMetres,
  encodeCursor,
  ftsItems,
  HUB_END_WORD,
  metresToKm,
  needsHubEnd,
  toFtsQuery,
  withHubEnd,
} from '../../src/modules/search/search.domain';
import { categoryCondition } from '../../src/modules/search/search.statements';
import {
  COMPOUND_FORMS,
  COMPOUND_HEADS,
  compoundHeadsOf,
  compoundsOf,
  FORM_NAMES,
  groupsOfWord,
  isFormGroup,
  NL_SYNONYMS,
  SYNONYM_GROUPS,
} from '../../src/shared/search-terms';

const GHENT = { lat: 51.0543, lon: 3.7174 };
const BRUSSELS = { lat: 50.8503, lon: 4.3517 };

/** base64url of any JSON, as someone editing a page link by hand would make it. */
const forge = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('toFtsQuery', () => {
  it('matches every word by its stem, long words and the last one as a prefix', () => {
    expect(toFtsQuery('zwart wit')).toBe('"zwart"* AND "wit"*');
    expect(toFtsQuery('plyw')).toBe('"plyw"*');
    expect(toFtsQuery('red 12')).toBe('"red" AND "12"*');
  });

  it('matches singular and plural in nl, fr and en, accents and case aside', () => {
    expect(toFtsQuery('bakken')).toBe('"bak"*');
    expect(toFtsQuery('Kisten')).toBe('"kist"*');
    expect(toFtsQuery('Dozen')).toBe('("doz"* OR "doos"* OR "boite"* OR "box" OR "boxes"*)');
    expect(toFtsQuery('chutes')).toContain('"chut"*');
    expect(toFtsQuery('Éléments')).toBe('"element"*');
    expect(toFtsQuery('tuyaux')).toBe('"tuyal"*');
    expect(toFtsQuery('couteaux')).toBe('"couteau"*');
  });

  it('matches a material by its other names in nl, fr and en', () => {
    const ply = toFtsQuery('contreplaqué')!;
    for (const name of ['"contreplaque"*', '"multiplex"*', '"plywood"*', '"triplex"*'])
      expect(ply).toContain(name);
    const acrylic = toFtsQuery('plexiglas')!;
    for (const name of ['"pmma"', '"acryl"*', '"perspex"*', '"altugla"*']) expect(acrylic).toContain(name);
    // A form another form's prefix already finds is left out: "acryl"* finds acrylaat, acrylic and
    // acrylique; "eik"* finds "eik".
    for (const name of ['"acrylaat"*', '"acrylic"*', '"acrylique"*']) expect(acrylic).not.toContain(name);
    expect(toFtsQuery('oak')).toBe('("oak" OR "eik"* OR "chene"*)');
    expect(toFtsQuery('chipboard')).toContain('"spaanplaat"*');
    // A short name is matched whole: "PLA" does not find "plaat" or "plastic".
    expect(toFtsQuery('PLA')!.startsWith('("pla" OR')).toBe(true);
  });

  it('finds the other names of a French or English plural of a word in -e', () => {
    for (const [plural, other] of [
      ['planches', '"plank"*'],
      ['palettes', '"pallet"*'],
      ['plaques', '"plaat"*'],
      ['poutres', '"balk"*'],
      ['tôles', '"sheet metal"'],
      ['moteurs', '"motor"*'],
    ] as const)
      expect(toFtsQuery(plural), plural).toContain(other);
  });

  it('reads a name of several words as one, or as its words', () => {
    const stepper = toFtsQuery('moteur pas à pas')!;
    // One item: the other names of the stepper motor, or the words themselves (less "à").
    expect(stepper).toBe(
      `(("stappenmotor"* OR "moteur pas a pas"* OR "stepper"*) OR (${toFtsQuery('moteur')} AND "pas" AND "pas"*))`,
    );
    expect(toFtsQuery('Moteurs pas à pas')).toBe(stepper);
    const stainless = toFtsQuery('acier inoxydable')!;
    expect(stainless).toContain('"rvs"');
    expect(stainless).toContain('"stainless"*');
    // The longest name wins, then the words after it go on as words.
    expect(toFtsQuery('birch plywood 18mm')).toMatch(
      /^\(\(.*"birch plywood"\*.*\) OR \(.+\)\) AND \("18 mm" OR "18mm"\)$/,
    );
    // A name's last word matches its plural (a phrase with a prefix), and a plural of a word in
    // -e is read as the name: "inner tubes", "chambres à air".
    expect(toFtsQuery('chambre à air')).toContain('"inner tube"*');
    expect(toFtsQuery('inner tubes')).toMatch(
      /^\(\("binnenband"\* OR "chambre a air"\* OR "inner tube"\*\) OR /,
    );
    expect(toFtsQuery('chambres à air')).toMatch(/^\(\("binnenband"\* OR /);
  });

  it('leaves out little words when others remain, in nl, fr and en', () => {
    expect(toFtsQuery('bois de palette')).toBe(toFtsQuery('bois palette'));
    expect(toFtsQuery('planken van eik')).toBe(toFtsQuery('planken eik'));
    expect(toFtsQuery('Chutes d’MDF pour la découpe')).toBe(toFtsQuery('chutes MDF découpe'));
    expect(toFtsQuery('offcuts of the oak')).toBe(toFtsQuery('offcuts oak'));
    // Only little words: searched as they are.
    expect(toFtsQuery('de la')).toBe('"de" AND "la"*');
  });

  it('matches a size written with or without a space before its unit', () => {
    expect(toFtsQuery('18mm')).toBe('("18 mm" OR "18mm")');
    expect(toFtsQuery('18 mm')).toBe('("18 mm" OR "18mm")');
    expect(toFtsQuery('multiplex 18MM')).toBe(
      `${toFtsQuery('multiplex x')!.split(' AND ')[0]} AND ("18 mm" OR "18mm")`,
    );
    expect(toFtsQuery('2,5 kg')).toBe('"2" AND ("5 kg" OR "5kg")');
    // Sizes of several numbers, glued or spaced, with or without a unit.
    const dims = '("600 400" OR "600 x 400" OR "600x400"* OR "400 600" OR "400 x 600" OR "400x600"*)';
    for (const q of ['600x400', '600 x 400', '600X400mm', '600 x 400 mm', '600 x 400mm'])
      expect(toFtsQuery(q), q).toBe(dims);
    expect(toFtsQuery('44x44x2000 grenen')).toBe(
      `("44 44 2000" OR "44 x 44 x 2000" OR "44x44x2000"*) AND ${toFtsQuery('grenen')}`,
    );
    expect(toFtsQuery('1220 x 610 x 18')).toBe(
      '("1220 610 18" OR "1220 x 610 x 18" OR "1220x610x18"* OR "610 1220 18" OR "610 x 1220 x 18" OR "610x1220x18"*)',
    );
    expect(toFtsQuery('600 x')).toBe('"600" AND "x"*');
    expect(toFtsQuery('44x44x')).toBe('"44x44x"*');
    // Not a unit: each word as itself.
    expect(toFtsQuery('18 sheets')).toBe(`"18" AND ${toFtsQuery('sheets')}`);
    expect(toFtsQuery('cat6')).toBe('"cat6"*');
  });

  it('also finds a Dutch compound of two names as its two parts, and splits no other word', () => {
    // eiken + hout: the word itself, or oak (in nl, fr, en) and wood (in nl, fr, en) in one row.
    const oakWood = toFtsQuery('eikenhout')!;
    expect(oakWood.startsWith('("eikenhout"* OR ((')).toBe(true);
    expect(oakWood).toContain('"chene"*');
    expect(oakWood).toContain('"oak"');
    expect(oakWood).toContain(' AND ("hout"* OR "bois"* OR "wood"*');
    // With a linking s (fiets + binnenband), a 3-letter first part (alu + profiel), a plural last
    // part (koffie + zakken, leder + resten).
    expect(toFtsQuery('fietsbinnenband')).toContain('"velo"*');
    expect(toFtsQuery('fietsbinnenband')).toContain('"chambre a air"');
    expect(toFtsQuery('aluprofiel')).toBe(
      '("aluprofiel"* OR (("aluminium"* OR "alu" OR "aluminum"*) AND ("profiel"* OR "profile"*)))',
    );
    expect(toFtsQuery('koffiezakken')).toContain('"coffee"*) AND ("zak"');
    expect(toFtsQuery('lederresten')).toMatch(/"leather"\*[^()]*\) AND \("rest"\*/);
    // A name of its own is not split (multiplexplaat is plywood), nor a word whose parts are not
    // both names (plankton: plank + "ton"; balkon: balk + "on").
    expect(toFtsQuery('multiplexplaat')).not.toContain(' AND ');
    expect(toFtsQuery('plankton')).toBe('"plankton"*');
    expect(toFtsQuery('balkon')).toBe('"balkon"*');
    expect(toFtsQuery('gerecycleerd')).not.toContain(' AND ');
  });

  it('finds two names typed apart written as one Dutch word, either way round', () => {
    // (copper OR its compounds) AND (wire OR its compounds) = (copper AND wire) OR koperdraad.
    const [copper, wire] = ftsItems('copper wire')!;
    for (const item of [copper!, wire!]) {
      expect(item.query).toContain('"koperdraad"*');
      expect(item.query).toContain('"koperkabel"*');
      expect(item.query).toContain('"draadkoper"*');
    }
    expect(copper!.words).toEqual(['copper']);
    expect(wire!.words).toEqual(['wire']);
    // Each keeps its query without the compounds, for a search to leave out what no row holds.
    for (const item of [copper!, wire!]) {
      expect(item.joined!.plain).not.toContain('koperdraad');
      expect(item.joined!.compounds).toContain('"koperdraad"*');
      expect(item.query).toBe(`(${item.joined!.plain} OR ${item.joined!.compounds})`);
    }
    expect(ftsItems('birch plywood')!.every((i) => i.joined === undefined)).toBe(true);
    // French puts the material last: "chutes de cuir" is lederresten; "wool felt" is wolvilt.
    expect(toFtsQuery('chutes de cuir')).toContain('"lederrest"*');
    expect(toFtsQuery('fil de cuivre')).toContain('"koperdraad"*');
    expect(toFtsQuery('wool felt')).toContain('"wolvilt"*');
    expect(toFtsQuery('bike inner tube')).toContain('"fietsbinnenb"*');
    // "gerecycleerd" + "plastic" would be cut at 12 letters to "gerecycleerd": not a compound
    // form, or "gerecycleerd" alone would pass for plastic.
    expect(toFtsQuery('gerecycleerd plastic')).not.toMatch(/"gerecycleerd"\*\)* AND \(\("plastic/);
    const plastic = ftsItems('gerecycleerd plastic')![1]!.query;
    expect(plastic).not.toContain('"gerecycleerd"*');
    expect(plastic).toContain('"plasticgerec"*');
    // A plural beside its singular makes no form of its own; at most 8 forms; none with a word
    // that is no name, a size, or a name alone.
    expect(wire!.query).not.toContain('"kabelskoper"');
    const forms = (a: string, b: string) => compoundsOf(groupsOfWord(a), groupsOfWord(b), 9);
    expect(forms('chutes', 'cuir')).toHaveLength(COMPOUND_FORMS);
    expect(forms('chutes', 'cuir').slice(0, 4)).toEqual(['restleer', 'leerrest', 'restleder', 'lederrest']);
    expect(forms('copper', 'zebrano')).toEqual([]);
    // "multiplex" + "pla" starts "multiplexplaat", a plywood with no PLA: left out.
    expect(forms('PLA', 'multiplex')).not.toContain('multiplexpla');
    expect(forms('PLA', 'multiplex')).toContain('plamultiplex');
    // "es" (ash) joins nothing, as "hout" + "es" would be searched by its stem, "hout"; "essen" does.
    expect(forms('wood', 'ash')).toEqual(['houtessen', 'essenhout']);
    expect(ftsItems('wood ash')![1]!.query).not.toContain('"hout"*');
    expect(forms('felt', 'felt')).toEqual(['wolvilt', 'viltwol']);
    for (const name of NL_SYNONYMS) expect(groupsOfWord(name), name).not.toEqual([]);
    expect(toFtsQuery('copper zebrano')).toBe(`${toFtsQuery('copper')} AND ${toFtsQuery('zebrano')}`);
    expect(toFtsQuery('copper 2 mm')).toBe(`${toFtsQuery('copper')} AND ("2 mm" OR "2mm")`);
  });

  it('knows the trade words makers type for what they have and need', () => {
    const finds = (q: string, name: string) => expect(toFtsQuery(q), q).toContain(name);
    finds('chutes', '"scrap"*');
    finds('restjes', '"offcut"*');
    finds('boxes', '"doos"*');
    finds('sacs', '"zak"');
    finds('chambre à air', '"binnenband"*');
    finds('double vitrage', '"double glazing"');
    finds('vitre', '"glas"*');
    finds('toile', '"canva"*');
    finds('weerstanden', '"resistor"*');
    finds('knoppen', '"button"*');
    finds("nid d'abeille", '"honeycomb"*');
    finds('échafaudage', '"steigerhout"*');
    // Stop 43: network, plexi, packaging, lining, beams by their profile (HEA, IPE), plate.
    finds('netwerkkabel', '"network"*');
    finds('câble réseau', '"netwerk"*');
    finds('plexiplaat', '"plexi"*');
    finds('verpakkingsschuim', '"packaging"*');
    finds('doublure', '"voering"*');
    finds('poutrelles', '"hea"');
    finds('steel beams', '"ipe"');
    finds('plate', '"sheet"*');
    finds('stekkers', '"connector"*');
    finds('werkbank', '"etabli"*');
    finds('moestuinbak', '"bacs potager"*');
    // "tôle" is sheet metal, not any sheet.
    expect(toFtsQuery('tôle')).not.toContain('"sheet"*');
    // "LED" is matched whole, as LEDs, never as a prefix of "leder" or "ledge".
    expect(toFtsQuery('LED')).toBe('("led" OR "leds"*)');
  });

  it('gives each item of the query with the words typed for it', () => {
    expect(ftsItems('Gerecycleerd plastic')!.map((i) => i.words)).toEqual([['Gerecycleerd'], ['plastic']]);
    // A name of several words (little words and all) and a spaced size are one item each; a
    // little word elsewhere is none.
    expect(ftsItems('toile de coton 600 x 400 mm')!.map((i) => i.words)).toEqual([
      ['toile'],
      ['coton'],
      ['600', 'x', '400', 'mm'],
    ]);
    expect(ftsItems('chambre à air pour vélo')!.map((i) => i.words)).toEqual([
      ['chambre', 'à', 'air'],
      ['vélo'],
    ]);
    expect(ftsItems('  ,, ')).toBeNull();
    const items = ftsItems('bois de palette 18mm')!;
    expect(items.map((i) => i.query).join(' AND ')).toBe(toFtsQuery('bois de palette 18mm'));
  });

  it('turns FTS operators and syntax into plain quoted words', () => {
    expect(toFtsQuery('NEAR(oak beech, 3)')).toMatch(/^"near"\* AND \(\("oak"/);
    expect(toFtsQuery('wood NEAR steel')).toContain(' AND "near"* AND ');
    // "OR" is a little word in English: left out, not an operator.
    expect(toFtsQuery('wood OR steel')).toBe(toFtsQuery('wood steel'));
    expect(toFtsQuery('or')).toBe('"or"*');
    // Outside quoted words of letters, digits and spaces: only AND, OR, stars and balanced
    // parentheses (groups nest: a word's names, two words' compounds).
    const safe = (fts: string) => {
      const rest = fts.replace(/"[\p{L}\p{N} ]+"\*?/gu, 'W');
      if (!/^(W|\(|\)| AND | OR )+$/.test(rest)) return false;
      let depth = 0;
      for (const ch of rest) if ((depth += ch === '(' ? 1 : ch === ')' ? -1 : 0) < 0) return false;
      return depth === 0;
    };
    for (const q of [
      'a"b',
      'x*',
      '(y)',
      'z:w',
      '^v',
      '-u',
      'AND NOT',
      'col : "x" + y',
      '"oak" -pine title:steel ^mdf *',
      'copper) wire (',
    ])
      expect(safe(toFtsQuery(q)!), q).toBe(true);
    expect(safe('"a" AND ("b" OR "c"')).toBe(false);
    expect(safe('"a" NOT "b"')).toBe(false);
  });

  it('gives null when only punctuation or spaces are left', () => {
    for (const q of ['', '   ', '"', '***', '(', ')', '-', ':', '^', '"*()-:^ '])
      expect(toFtsQuery(q), q).toBeNull();
  });

  it('keeps letters of any script, and normalises compatibility forms', () => {
    expect(toFtsQuery('Ærø Ωmega 木材')).toBe('"ærø" AND "ωmega"* AND "木材"*');
    // Decomposed é (e + combining acute) and full-width letters become the usual forms.
    expect(toFtsQuery('cre\u0301pe')).toBe('"crepe"*');
    expect(toFtsQuery('ｗｏｏｄ')).toBe(toFtsQuery('wood'));
  });

  it('uses at most 12 words', () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const q = toFtsQuery(words.join(' '));
    expect(q?.split(' AND ')).toHaveLength(12);
    expect(q?.endsWith('"w11"*')).toBe(true);
  });
});

describe('shapes and packings (form items)', () => {
  it('names each shape or packing in exactly one synonym group, which no category shares', () => {
    for (const name of FORM_NAMES) {
      expect(
        SYNONYM_GROUPS.filter((g) => g.includes(name)),
        name,
      ).toHaveLength(1);
      expect(groupsOfWord(name).every(isFormGroup), name).toBe(true);
    }
  });

  it('marks the items of a query that name only a shape or packing, in three languages', () => {
    const forms = (q: string) => ftsItems(q)!.map((i) => `${i.words.join(' ')}${i.form ? ' (form)' : ''}`);
    expect(forms('polycarbonate sheets')).toEqual(['polycarbonate', 'sheets (form)']);
    expect(forms('plaques de polycarbonate')).toEqual(['plaques (form)', 'polycarbonate']);
    expect(forms('eiken planken')).toEqual(['eiken', 'planken (form)']);
    expect(forms('copper wire')).toEqual(['copper', 'wire (form)']);
    expect(forms('gerecycleerd plastic')).toEqual(['gerecycleerd (form)', 'plastic']);
    // A material, a size or a word of no group is never a form; nor a name of several words.
    expect(forms('multiplex 18mm zebrano')).toEqual(['multiplex', '18mm', 'zebrano']);
    expect(forms('sheet metal')).toEqual(['sheet metal']);
    expect(forms('chambres à air')).toEqual(['chambres à air']);
  });
});

describe('compound heads (the last part of a Dutch compound, indexed)', () => {
  it('indexes the head a title word ends with, in any case, after marks too', () => {
    expect(compoundHeadsOf('Koperdraad restanten')).toBe(' draad');
    expect(compoundHeadsOf('KOPERDRADEN, 2,5 mm')).toBe(' draad');
    expect(compoundHeadsOf('Eikenhouten planken')).toBe(' hout');
    expect(compoundHeadsOf('MDF-restplaten (6 mm)')).toBe(' plaat');
    expect(compoundHeadsOf('Piepschuim/isolatieschuim')).toBe(' schuim');
    expect(compoundHeadsOf('Wolvilt restjes')).toBe(' vilt');
    expect(compoundHeadsOf('Lederresten en koperbuizen')).toBe(' buis rest');
    expect(compoundHeadsOf('Steigerhout, daklatten')).toBe(' lat hout');
  });

  it('indexes nothing for a word of its own, a short first part or a word that only ends like one', () => {
    // The head as a word of its own: the title holds it already.
    expect(compoundHeadsOf('Draad en platen')).toBe('');
    // Fewer than three letters before the head.
    expect(compoundHeadsOf('Rvs-buis, ijzer')).toBe('');
    // Words that end like a head and are none.
    expect(compoundHeadsOf('Chairs without cushions')).toBe('');
    expect(compoundHeadsOf('Douglas planks')).toBe('');
    expect(compoundHeadsOf('Kunststof platen')).toBe('');
    expect(compoundHeadsOf('Recycled PLA, motor control board')).toBe('');
    expect(compoundHeadsOf('Points of interest')).toBe('');
    expect(compoundHeadsOf('')).toBe('');
    // Hostile text is text: no head, no error.
    expect(compoundHeadsOf('<script>alert(1)</script>koperdraad')).toBe(' draad');
    expect(compoundHeadsOf("'); DROP TABLE listings; -- koperdraad ")).toBe(' draad');
  });

  it('names each head by a name of the vocabulary, so every word of its group finds it', () => {
    for (const h of COMPOUND_HEADS) {
      expect(groupsOfWord(h.name).length, h.name).toBeGreaterThan(0);
      for (const form of h.forms) expect(form, h.name).toMatch(/^[a-z]{3,}$/);
    }
    expect(new Set(COMPOUND_HEADS.map((h) => h.name)).size).toBe(COMPOUND_HEADS.length);
  });
});

describe('distanceMetres', () => {
  it('puts Ghent and Brussels about 50 km apart', () => {
    const d = distanceMetres(GHENT, BRUSSELS);
    expect(d).toBeGreaterThan(48_000);
    expect(d).toBeLessThan(52_000);
    expect(Number.isInteger(d)).toBe(true);
  });

  it('is symmetric and zero for the same point', () => {
    expect(distanceMetres(GHENT, BRUSSELS)).toBe(distanceMetres(BRUSSELS, GHENT));
    expect(distanceMetres(GHENT, GHENT)).toBe(0);
  });

  it('shows kilometres with one decimal', () => {
    expect(metresToKm(49_887)).toBe(49.9);
    expect(metresToKm(0)).toBe(0);
  });
});

describe('cursors', () => {
  it('round-trips every sort', () => {
    const cursors = [
      { s: 'newest', id: 42 },
      { s: 'nearest', d: 49_887, id: 7 },
      { s: 'relevance', r: -1.2345678901234567, id: 3 },
      { s: 'relevance', r: -12.3, d: 4_000, id: 3 },
    ] as const;
    for (const c of cursors) {
      const text = encodeCursor(c);
      expect(text).toMatch(/^[\w-]+$/);
      expect(decodeCursor(text, c.s)).toEqual(c);
    }
  });

  it('refuses a cursor made for another sort', () => {
    expect(decodeCursor(encodeCursor({ s: 'newest', id: 42 }), 'nearest')).toBeNull();
    expect(decodeCursor(encodeCursor({ s: 'nearest', d: 10, id: 42 }), 'relevance')).toBeNull();
  });

  it('refuses tampered or hand-made cursors', () => {
    const good = encodeCursor({ s: 'newest', id: 42 });
    expect(decodeCursor(`${good.slice(0, -3)}!!!`, 'newest')).toBeNull();
    expect(decodeCursor('not a cursor', 'newest')).toBeNull();
    expect(decodeCursor('', 'newest')).toBeNull();
    expect(decodeCursor(forge(null), 'newest')).toBeNull();
    expect(decodeCursor(forge([1, 2]), 'newest')).toBeNull();
    expect(decodeCursor(forge({ s: 'newest', id: '42' }), 'newest')).toBeNull();
    expect(decodeCursor(forge({ s: 'newest', id: 1.5 }), 'newest')).toBeNull();
    expect(decodeCursor(forge({ s: 'newest', id: 2 ** 60 }), 'newest')).toBeNull();
    expect(decodeCursor(forge({ s: 'newest', id: '1 OR 1=1' }), 'newest')).toBeNull();
    expect(decodeCursor(forge({ s: 'nearest', id: 1 }), 'nearest')).toBeNull();
    expect(decodeCursor(forge({ s: 'nearest', d: 0.5, id: 1 }), 'nearest')).toBeNull();
    expect(decodeCursor(forge({ s: 'relevance', r: 'x', id: 1 }), 'relevance')).toBeNull();
    expect(decodeCursor(forge({ s: 'relevance', r: -1, d: 'x', id: 1 }), 'relevance')).toBeNull();
  });
});

describe('defaultSort', () => {
  it('prefers an explicit sort, then relevance (with words), then distance, then newest', () => {
    expect(defaultSort({ sort: 'newest', near: { lat: 1, lon: 1 }, q: 'oak' })).toBe('newest');
    expect(defaultSort({ near: { lat: 1, lon: 1 }, q: 'oak' })).toBe('relevance');
    expect(defaultSort({ near: { lat: 1, lon: 1 } })).toBe('nearest');
    expect(defaultSort({ q: 'oak' })).toBe('relevance');
    expect(defaultSort({ q: '' })).toBe('newest');
    expect(defaultSort({})).toBe('newest');
  });
});

describe('categoryCondition', () => {
  it('filters a whole family by its column, a narrower category by itself and what is below it', () => {
    // Each also names the index its hubs are listed by near a point (`hubsHolding`).
    expect(categoryCondition('wood')).toEqual({
      sql: 't.family = ?',
      values: ['wood'],
      hubScan: { column: 'family', values: ['wood'] },
    });
    // Each category below it also an arm of its own: an index range read a page at a time.
    expect(categoryCondition('plywood')).toEqual({
      sql: 't.category IN (?, ?)',
      values: ['plywood', 'birch-plywood'],
      arms: [
        { sql: 't.category = ?', values: ['plywood'] },
        { sql: 't.category = ?', values: ['birch-plywood'] },
      ],
      hubScan: { column: 'category', values: ['plywood', 'birch-plywood'] },
    });
    expect(categoryCondition('birch-plywood')).toEqual({
      sql: 't.category IN (?)',
      values: ['birch-plywood'],
      arms: [{ sql: 't.category = ?', values: ['birch-plywood'] }],
      hubScan: { column: 'category', values: ['birch-plywood'] },
    });
    // A family without members below it is still the family.
    expect(categoryCondition('glass')).toEqual({
      sql: 't.family = ?',
      values: ['glass'],
      hubScan: { column: 'family', values: ['glass'] },
    });
  });
});

describe('withHubEnd', () => {
  it("adds the hub's end marker as one more alternative of every word, and nothing else", () => {
    const end = `"${HUB_END_WORD}"`;
    expect(withHubEnd('"zwart"* AND "wit"*')).toBe(`("zwart"* OR ${end}) AND ("wit"* OR ${end})`);
    expect(withHubEnd('"plyw"*')).toBe(`("plyw"* OR ${end})`);
    // A word with its other names stays one alternative group; a name of two words stays a phrase.
    const q = toFtsQuery('contreplaqué birch')!;
    const marked = withHubEnd(q);
    expect(marked.split(` OR ${end})`).length - 1).toBe(2);
    expect(marked.replaceAll(` OR ${end})`, ')').replace(/^\(|\)$/g, '')).toBe(q.replace(/ AND /, ') AND ('));
    // " AND " inside a quoted name or a group is not a word boundary; an AND within a group (a
    // name's words, a compound's parts) has the marker on each of its sides too.
    expect(withHubEnd('("a b" OR ("c" AND "d")) AND "e"')).toBe(
      `(("a b" OR (("c" OR ${end}) AND ("d" OR ${end}))) OR ${end}) AND ("e" OR ${end})`,
    );
    expect(withHubEnd('("x"* OR (("y" OR "z") AND ("w" OR ("u" AND "v"))))')).toBe(
      `(("x"* OR ((("y" OR "z") OR ${end}) AND (("w" OR (("u" OR ${end}) AND ("v" OR ${end}))) OR ${end}))) OR ${end})`,
    );
    expect(withHubEnd('"x AND y"')).toBe(`("x AND y" OR ${end})`);
  });

  it('is needed by several words or a phrase, not by one word with its other names', () => {
    expect(needsHubEnd('"birch"*')).toBe(false);
    expect(needsHubEnd('("birch"* OR "berk"* OR "bouleau"*)')).toBe(false);
    expect(needsHubEnd('"zwart"* AND "wit"*')).toBe(true);
    expect(needsHubEnd('("rvs" OR "stainless steel")')).toBe(true);
    // An AND within one item (a compound as its two parts), not a word of a quoted name.
    expect(needsHubEnd(toFtsQuery('aluprofiel')!)).toBe(true);
    expect(needsHubEnd('("and"* OR "or")')).toBe(false);
  });
});
