/**
 * What people call the materials of the taxonomy, in nl, fr and en: the names of each category
 * (its labels plus common trade names and synonyms), and groups of words that mean the same thing
 * but name no category (wood species, board types). Search uses both:
 * - a listing or request is indexed with the names of its category and of the category's parents,
 *   and with the compound heads its title's words end with (`COMPOUND_HEADS`; migrations 0020
 *   and 0065 hold them as SQL; `npm run search-terms:sql` prints it, and
 *   test/integration/search.terms.test.ts and search.heads.test.ts check the two agree);
 * - a query word that is one of these names also matches the other names of its group.
 */
import { CATEGORIES, findCategory, type Locale } from './taxonomy';

type Names = Partial<Record<Locale, readonly string[]>>;

/** Names of each category besides its labels (which count too, without their "(e.g. …)" part). */
export const CATEGORY_NAMES: Readonly<Record<string, Names>> = {
  wood: { nl: ['hout'], fr: ['bois'], en: ['wood', 'timber', 'lumber'] },
  plywood: {
    nl: ['multiplex', 'triplex', 'multiplexplaat'],
    fr: ['contreplaqué'],
    en: ['plywood', 'ply'],
  },
  'birch-plywood': {
    nl: ['berken multiplex', 'berkenmultiplex'],
    fr: ['contreplaqué bouleau', 'bouleau'],
    en: ['birch plywood', 'baltic birch', 'birch ply'],
  },
  mdf: {
    nl: ['MDF', 'mdf-plaat', 'vezelplaat'],
    fr: ['médium', 'panneau de fibres'],
    en: ['fibreboard', 'fiberboard', 'medium-density fibreboard'],
  },
  osb: {
    nl: ['OSB', 'osb-plaat'],
    fr: ['panneau de lamelles orientées'],
    en: ['oriented strand board', 'sterling board'],
  },
  'solid-wood': { nl: ['massief hout', 'massief'], fr: ['bois massif', 'massif'], en: ['solid wood'] },
  hardwood: { nl: ['loofhout', 'hardhout'], fr: ['feuillus', 'bois dur'], en: ['hardwood'] },
  softwood: { nl: ['naaldhout', 'zachthout'], fr: ['résineux', 'bois tendre'], en: ['softwood'] },
  pallets: { nl: ['paletten', 'pallet', 'europallet'], fr: ['palette'], en: ['pallet', 'skid'] },
  plastics: { nl: ['kunststof', 'plastic'], fr: ['plastique'], en: ['plastic'] },
  acrylic: {
    nl: ['acryl', 'acrylaat', 'plexiglas', 'perspex', 'PMMA'],
    fr: ['acrylique', 'plexiglas', 'altuglas', 'PMMA'],
    en: ['acrylic', 'plexiglass', 'perspex', 'PMMA', 'acrylic glass'],
  },
  pla: { nl: ['PLA', 'polymelkzuur'], fr: ['acide polylactique'], en: ['polylactic acid'] },
  abs: { nl: ['ABS'], fr: ['ABS'], en: ['ABS'] },
  petg: { nl: ['PETG'], fr: ['PETG'], en: ['PETG'] },
  pet: {
    nl: ['PET', 'polyethyleentereftalaat'],
    fr: ['polytéréphtalate d’éthylène'],
    en: ['polyethylene terephthalate'],
  },
  polycarbonate: {
    nl: ['polycarbonaat', 'lexan', 'makrolon'],
    fr: ['polycarbonate', 'lexan'],
    en: ['polycarbonate', 'lexan', 'makrolon'],
  },
  hdpe: {
    nl: ['HDPE', 'polyetheen', 'polyethyleen'],
    fr: ['PEHD', 'polyéthylène'],
    en: ['HDPE', 'polyethylene'],
  },
  foam: {
    nl: ['schuim', 'schuimrubber', 'piepschuim', 'EPS', 'XPS'],
    fr: ['mousse', 'polystyrène'],
    en: ['foam', 'styrofoam', 'polystyrene'],
  },
  metals: { nl: ['metaal'], fr: ['métal'], en: ['metal'] },
  steel: { nl: ['staal', 'ijzer'], fr: ['acier', 'fer'], en: ['steel', 'iron'] },
  'stainless-steel': {
    nl: ['rvs', 'inox', 'roestvrij staal', 'roestvast staal'],
    fr: ['inox', 'acier inoxydable'],
    en: ['stainless steel', 'stainless', 'inox'],
  },
  aluminium: { nl: ['alu', 'aluminium'], fr: ['alu'], en: ['aluminum', 'alu'] },
  copper: { nl: ['koper'], fr: ['cuivre'], en: ['copper'] },
  brass: { nl: ['messing', 'geelkoper'], fr: ['laiton'], en: ['brass'] },
  textiles: {
    nl: ['textiel', 'stof', 'stoffen'],
    fr: ['textile', 'tissu'],
    en: ['textile', 'fabric', 'cloth'],
  },
  cotton: { nl: ['katoen'], fr: ['coton'], en: ['cotton'] },
  wool: { nl: ['wol', 'vilt'], fr: ['laine', 'feutre'], en: ['wool', 'felt'] },
  'synthetic-fabric': {
    nl: ['polyester', 'nylon'],
    fr: ['polyester', 'nylon'],
    en: ['polyester', 'nylon'],
  },
  leather: { nl: ['leder', 'leer'], fr: ['cuir'], en: ['leather'] },
  glass: { nl: ['glas'], fr: ['verre'], en: ['glass'] },
  'paper-board': { nl: ['papier', 'karton'], fr: ['papier', 'carton'], en: ['paper', 'paperboard'] },
  cardboard: {
    nl: ['karton', 'golfkarton'],
    fr: ['carton', 'carton ondulé'],
    en: ['cardboard', 'corrugated board'],
  },
  paper: { nl: ['papier'], fr: ['papier'], en: ['paper'] },
  electronics: { nl: ['elektronica', 'electronica'], fr: ['électronique'], en: ['electronics'] },
  components: { nl: ['componenten', 'onderdelen'], fr: ['composants'], en: ['components'] },
  cables: { nl: ['kabel', 'kabels', 'draad'], fr: ['câble', 'fil électrique'], en: ['cable', 'wire'] },
  stone: {
    nl: ['steen', 'keramiek', 'tegels', 'natuursteen'],
    fr: ['pierre', 'céramique', 'carrelage'],
    en: ['stone', 'ceramics', 'tiles'],
  },
  'machine-time': { nl: ['machinetijd'], fr: ['temps machine'], en: ['machine time'] },
  'laser-cutting': {
    nl: ['lasersnijden', 'lasercutter', 'lasersnijder'],
    fr: ['découpe laser', 'découpeuse laser'],
    en: ['laser cutting', 'laser cutter', 'lasercutter'],
  },
  'cnc-milling': {
    nl: ['CNC-frezen', 'CNC', 'freesmachine'],
    fr: ['fraisage CNC', 'fraiseuse CNC', 'CNC'],
    en: ['CNC milling', 'CNC router', 'CNC'],
  },
  '3d-printing': {
    nl: ['3D-printen', '3D-printer'],
    fr: ['impression 3D', 'imprimante 3D'],
    en: ['3D printing', '3D printer'],
  },
  other: {},
};

/** Words that mean the same material in nl, fr and en but name no category of their own. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['spaanplaat', 'aggloméré', 'chipboard', 'particleboard', 'particle board'],
  ['hardboard', 'hardboardplaat', 'isorel'],
  ['eik', 'eiken', 'chêne', 'oak'],
  ['beuk', 'beuken', 'hêtre', 'beech'],
  ['berk', 'berken', 'bouleau', 'birch'],
  ['es', 'essen', 'frêne', 'ash'],
  ['noten', 'notelaar', 'noyer', 'walnut'],
  ['populier', 'peuplier', 'poplar'],
  ['vuren', 'sparren', 'épicéa', 'spruce'],
  ['grenen', 'pin', 'pine'],
  ['lariks', 'mélèze', 'larch'],
  ['plaat', 'platen', 'plaque', 'panneau', 'sheet', 'panel', 'plate'],
  ['lat', 'latten', 'tasseau', 'batten', 'lath'],
  ['balk', 'balken', 'ligger', 'poutre', 'poutrelle', 'beam', 'girder', 'HEA', 'HEB', 'IPE'],
  ['plank', 'planken', 'planche', 'board', 'plank'],
  ['restant', 'reststuk', 'rest', 'restje', 'chute', 'offcut', 'remnant', 'scrap'],
  ['plaatstaal', 'staalplaat', 'tôle', 'sheet metal', 'steel sheet', 'sheet steel', 'metal sheet'],
  ['buis', 'buizen', 'tube', 'tuyau', 'pipe'],
  ['profiel', 'profielen', 'profilé', 'profile'],
  ['rol', 'rollen', 'rouleau', 'roll'],
  ['spoel', 'spoelen', 'bobine', 'spool', 'reel'],
  ['doos', 'dozen', 'boîte', 'box', 'boxes'],
  ['motor', 'motoren', 'moteur'],
  ['stappenmotor', 'moteur pas à pas', 'stepper', 'stepper motor'],
  ['lijm', 'colle', 'glue'],
  ['verf', 'peinture', 'paint'],
  ['hars', 'résine', 'resin'],
  ['kurk', 'liège', 'cork'],
  ['rubber', 'caoutchouc'],
  ['spiegel', 'miroir', 'mirror'],
  ['gaas', 'grillage', 'mesh'],
  ['bamboe', 'bambou', 'bamboo'],
  ['zak', 'zakken', 'sac', 'sacs', 'bag', 'bags', 'sack'],
  ['koffie', 'café', 'coffee'],
  ['fiets', 'vélo', 'bike', 'bicycle'],
  ['binnenband', 'chambre à air', 'inner tube'],
  ['dubbel glas', 'dubbele beglazing', 'isolatieglas', 'double vitrage', 'double glazing'],
  ['ruit', 'ruiten', 'vitre', 'vitres', 'glas', 'verre', 'glass'],
  ['doek', 'toile', 'canvas'],
  ['weerstand', 'weerstanden', 'résistance', 'resistor'],
  ['knop', 'knoppen', 'bouton', 'button'],
  ['led', 'leds'],
  ['honingraat', "nid d'abeille", 'honeycomb'],
  ['steigerhout', 'steigerplank', 'échafaudage', 'scaffolding', 'scaffold board'],
  ['gerecycleerd', 'gerecycled', 'hergebruikt', 'recyclé', 'récupéré', 'recycled', 'reclaimed'],
  ['draad', 'draden', 'fil', 'wire'],
  ['netwerk', 'réseau', 'network'],
  ['plexi', 'plexiglas', 'plexiglass'],
  ['verpakking', 'emballage', 'packaging'],
  ['voering', 'doublure', 'lining'],
  ['connector', 'connectoren', 'stekker', 'connecteur'],
  ['werkbank', 'établi', 'workbench'],
  ['moestuinbak', 'plantenbak', 'bac potager', 'bacs potagers', 'jardinière', 'planter', 'planter box'],
];

/**
 * Synonym groups that name a shape, a state or a packing rather than a material (each by a name
 * of its own): sheet, batten, beam, board, offcut, tube, profile, roll, spool, box, sack, wire,
 * recycled. When a query's words are each in some listing but never all in one, these are left
 * out so the material is found: "pine boards" finds the pine battens, and the page says that
 * none is a board (`wordsApart`).
 */
export const FORM_NAMES: readonly string[] = [
  'sheet',
  'batten',
  'beam',
  'board',
  'offcut',
  'tube',
  'profile',
  'roll',
  'spool',
  'box',
  'sack',
  'wire',
  'recycled',
];

/** Whether a group of names (as `groupsOfWord` gives it) names a shape or packing (`FORM_NAMES`). */
export function isFormGroup(group: readonly string[]): boolean {
  return FORM_NAMES.some((name) => group.includes(name));
}

/** The words of a name as the search index splits them: letters and digits, no accents, lower case. */
export function searchWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * A word's singular stem, for matching singular and plural in nl, fr and en ("planken" → "plank",
 * "panneaux" → "panneau", "sheets" → "sheet", "latten" → "lat"). Short words stay as they are.
 * The stem is matched as a prefix, so "plank" also finds "planken".
 */
export function singularStem(word: string): string {
  const w = searchWords(word).join('');
  if (w.length <= 3) return w;
  if (w.endsWith('eaux')) return w.slice(0, -1);
  if (w.endsWith('aux')) return `${w.slice(0, -3)}al`;
  if (w.endsWith('en') && w.length >= 5) {
    const s = w.slice(0, -2);
    // nl doubles a consonant before -en (latten, bakken): the singular has it once.
    return /([^aeiou])\1$/.test(s) ? s.slice(0, -1) : s;
  }
  if (w.endsWith('es') && w.length >= 5 && !w.endsWith('ees')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

const withoutExamples = (label: string) => label.replace(/\(.*?\)/g, ' ');

/** A category's own names: its labels in nl, fr and en and its other names, each as its words. */
export function namesOfCategory(slug: string): string[] {
  const cat = findCategory(slug);
  if (!cat) return [];
  const extra = CATEGORY_NAMES[slug] ?? {};
  const all = [
    ...Object.values(cat.label).map(withoutExamples),
    ...(['nl', 'fr', 'en'] as const).flatMap((l) => extra[l] ?? []),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of all) {
    const words = searchWords(name).join(' ');
    if (words && !seen.has(words)) {
      seen.add(words);
      out.push(words);
    }
  }
  return out;
}

/**
 * What a listing or request of this category is indexed with beside its title and description:
 * the names of the category and of every category above it, as one space-separated text.
 */
export function indexedTermsOf(slug: string): string {
  const out: string[] = [];
  for (let cat = findCategory(slug); cat; cat = cat.parent ? findCategory(cat.parent) : undefined)
    out.push(...namesOfCategory(cat.slug));
  return [...new Set(out)].join(' ');
}

/** Every group of names that mean the same: one per category, then the free synonym groups. */
function nameGroups(): string[][] {
  return [
    ...CATEGORIES.map((c) => namesOfCategory(c.slug)),
    ...SYNONYM_GROUPS.map((g) => [...new Set(g.map((n) => searchWords(n).join(' ')))]),
  ];
}

let groupsByStem: Map<string, string[][]> | null = null;
let groupsByPhrase: Map<string, string[][]> | null = null;

/** The longest name of several words (up to PHRASE_WORDS) a query holds. */
export const PHRASE_WORDS = 4;

const phraseKey = (words: string[]) => words.map(singularStem).join(' ');

/**
 * The groups a name of several words names, when `words` (a query's words, from one of them on)
 * starts with one: "moteur pas à pas", "découpe laser", "stainless steel" (each word by its
 * singular stem, so "moteurs pas à pas" too). The longest such name wins; null when none.
 */
export function groupsOfPhrase(words: string[]): { words: number; groups: string[][] } | null {
  if (!groupsByPhrase) {
    groupsByPhrase = new Map();
    for (const group of nameGroups())
      for (const name of group) {
        const parts = name.split(' ');
        if (parts.length < 2 || parts.length > PHRASE_WORDS) continue;
        const key = phraseKey(parts);
        const list = groupsByPhrase.get(key) ?? [];
        if (!list.includes(group)) list.push(group);
        groupsByPhrase.set(key, list);
      }
  }
  const normal = words.slice(0, PHRASE_WORDS).map((w) => searchWords(w).join(''));
  // A French or English plural of a word in -e ("chambres à air", "inner tubes") is the word less
  // its -s, as in `groupsOfWord`.
  const lessS = (w: string) => (w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  for (let n = normal.length; n >= 2; n--) {
    const groups =
      groupsByPhrase.get(phraseKey(normal.slice(0, n))) ??
      groupsByPhrase.get(phraseKey(normal.slice(0, n).map(lessS)));
    if (groups) return { words: n, groups };
  }
  return null;
}

/**
 * The groups a single query word names (by its singular stem), e.g. "contreplaqués" → the names
 * of plywood. Only one-word names are looked up; longer names are matched through their words.
 */
export function groupsOfWord(word: string): string[][] {
  if (!groupsByStem) {
    groupsByStem = new Map();
    for (const group of nameGroups())
      for (const name of group) {
        if (name.includes(' ')) continue;
        const key = singularStem(name);
        const list = groupsByStem.get(key) ?? [];
        if (!list.includes(group)) list.push(group);
        groupsByStem.set(key, list);
      }
  }
  // A French or English plural of a word ending in -e ("planches", "palettes", "plaques") is the
  // word less its -s, not less its -es as "boxes" is.
  const w = searchWords(word).join('');
  return (
    groupsByStem.get(singularStem(w)) ??
    (w.endsWith('s') ? groupsByStem.get(singularStem(w.slice(0, -1))) : null) ??
    []
  );
}

/** The shortest part of a compound `compoundOf` splits ("alu" + "profiel"). */
const COMPOUND_PART = 3;

/**
 * A Dutch compound of two names of materials, as the groups of each part: "eikenhout" (eiken +
 * hout), "aluprofiel", "steppermotor", "koffiezakken", "lederresten" (also with a linking s:
 * "fietsbinnenband" is fiets + binnenband). Null for a word that is a name itself, or whose parts
 * are not both names (so an unknown word is never split at random); the longest last part wins.
 */
export function compoundOf(word: string): { head: string[][]; tail: string[][] } | null {
  const w = searchWords(word).join('');
  if (w.length < 2 * COMPOUND_PART || groupsOfWord(w).length > 0) return null;
  for (let at = COMPOUND_PART; at <= w.length - COMPOUND_PART; at++) {
    const tail = groupsOfWord(w.slice(at));
    if (tail.length === 0) continue;
    // The first part as it is, or less a linking s ("fiets-binnenband").
    const first = w.slice(0, at);
    let head = groupsOfWord(first);
    if (head.length === 0 && first.endsWith('s') && first.length > COMPOUND_PART)
      head = groupsOfWord(first.slice(0, -1));
    if (head.length > 0) return { head, tail };
  }
  return null;
}

/**
 * The Dutch names of `SYNONYM_GROUPS`: with the categories' Dutch names, the parts Dutch
 * compounds are made of ("koper" + "draad", "leder" + "rest"). A unit test holds each to a group.
 */
// prettier-ignore
export const NL_SYNONYMS: readonly string[] = [
  'spaanplaat', 'hardboard', 'hardboardplaat', 'eik', 'eiken', 'beuk', 'beuken', 'berk', 'berken',
  'es', 'essen', 'noten', 'notelaar', 'populier', 'vuren', 'sparren', 'grenen', 'lariks', 'plaat',
  'platen', 'lat', 'latten', 'balk', 'balken', 'plank', 'planken', 'restant', 'reststuk', 'rest',
  'restje', 'plaatstaal', 'staalplaat', 'buis', 'buizen', 'profiel', 'profielen', 'rol', 'rollen',
  'spoel', 'spoelen', 'doos', 'dozen', 'motor', 'motoren', 'stappenmotor', 'lijm', 'verf', 'hars',
  'kurk', 'rubber', 'spiegel', 'gaas', 'bamboe', 'zak', 'zakken', 'koffie', 'fiets', 'binnenband',
  'isolatieglas', 'ruit', 'ruiten', 'glas', 'doek', 'weerstand', 'weerstanden', 'knop', 'knoppen',
  'led', 'leds', 'honingraat', 'steigerhout', 'steigerplank', 'gerecycleerd', 'gerecycled',
  'hergebruikt', 'draad', 'draden', 'netwerk', 'plexi', 'verpakking', 'voering', 'ligger',
  'connector', 'connectoren', 'stekker', 'werkbank', 'moestuinbak', 'plantenbak',
];

let dutchNames: Set<string> | null = null;

/** The one-word Dutch names of these groups, as the search index splits them, shortest first. */
function dutchOf(groups: string[][]): string[] {
  if (!dutchNames) {
    dutchNames = new Set(NL_SYNONYMS);
    for (const cat of CATEGORIES)
      for (const name of [withoutExamples(cat.label.nl), ...(CATEGORY_NAMES[cat.slug]?.nl ?? [])]) {
        const words = searchWords(name);
        if (words.length === 1) dutchNames.add(words[0]!);
      }
  }
  const names = new Set(groups.flat().filter((n) => dutchNames!.has(n)));
  // A plural in -s beside its singular ("kabels", "leds") makes no compound of its own.
  return [...names]
    .filter((n) => !(n.endsWith('s') && names.has(n.slice(0, -1))))
    .sort((a, b) => a.length - b.length);
}

let allNames: string[] | null = null;

/** The most Dutch compounds `compoundsOf` gives for two words: each is one more term to seek. */
export const COMPOUND_FORMS = 8;

/**
 * The Dutch compounds two names make, either way round, as words: "copper wire" and "fil de
 * cuivre" are written "koperdraad" (koper + draad), "chutes de cuir" "lederresten" (leder +
 * rest), "bike inner tube" "fietsbinnenband", "wool felt" "wolvilt". A form another form starts
 * is left out ("lederrest" finds "lederrestje"), the shortest are kept, at most
 * `COMPOUND_FORMS`. None when either has no Dutch name; a name never joins itself, a part is of 3
 * letters or more (the stem of "hout" + "es", ash, would be "hout"), and a first part longer than
 * `maxHead` is left out (a query matches a long word by its first letters, which
 * must reach into the second part).
 */
export function compoundsOf(a: string[][], b: string[][], maxHead = Infinity): string[] {
  const [heads, tails] = [dutchOf(a), dutchOf(b)];
  const forms = [
    ...heads.flatMap((h) => tails.map((t) => [h, t])),
    ...tails.flatMap((t) => heads.map((h) => [t, h])),
  ]
    .filter(
      ([x, y]) => x !== y && x!.length <= maxHead && x!.length >= COMPOUND_PART && y!.length >= COMPOUND_PART,
    )
    .map(([x, y]) => x! + y!)
    .sort((x, y) => x.length - y.length);
  // A form that starts a longer name ("multiplex" + "pla", plywood and PLA, starts
  // "multiplexplaat") would find that name's rows for both words.
  allNames ??= nameGroups().flat();
  const kept: string[] = [];
  for (const form of forms)
    if (
      kept.length < COMPOUND_FORMS &&
      !kept.some((k) => form.startsWith(k)) &&
      !allNames.some((n) => n !== form && n.startsWith(form))
    )
      kept.push(form);
  return kept;
}

/**
 * A Dutch word that ends compounds: the name it is indexed by, the forms a word of a title may
 * end with, and the letters that, just before a form, make it another word ("without" is not
 * "wit" + "hout", "Douglas" not "dou" + "glas").
 */
export type CompoundHead = { name: string; forms: readonly string[]; notAfter?: readonly string[] };

const head = (name: string, forms: string[] = [name], notAfter?: string[]): CompoundHead =>
  notAfter ? { name, forms, notAfter } : { name, forms };

/**
 * Dutch words that end compounds: "Koperdraad restanten" is indexed with "draad" (so "draad",
 * "wire" and "fil" find it), "Multiplexplaten" with "plaat", "Eikenhouten planken" with "hout".
 * A query matches a word by its first letters, so the first part of a compound is found already
 * ("koper" finds "koperdraad"); its last part needs this. Each name is a name of the vocabulary (a
 * category's Dutch name or `NL_SYNONYMS`: a unit test holds them), so every word of its group
 * finds it. Left out, or only in a form of their own: words that end other words ("stof" ends
 * "kunststof", plastic; "led" ends "recycled"; "rol" ends "control"; "lat" ends "chocolat").
 */
export const COMPOUND_HEADS: readonly CompoundHead[] = [
  head('draad', ['draad', 'draden']),
  head('plaat', ['plaat', 'platen']),
  head('buis', ['buis', 'buizen']),
  head('profiel', ['profiel', 'profielen']),
  head('balk', ['balk', 'balken']),
  head('plank', ['plank', 'planken']),
  head('lat', ['latten']),
  head('rol', ['rollen']),
  head('spoel', ['spoel', 'spoelen']),
  head('doos', ['doos', 'dozen']),
  head('zak', ['zak', 'zakken']),
  head('rest', ['rest', 'resten', 'restje', 'restjes'], ['nte']),
  head('hout', ['hout', 'houten'], ['wit', 'oug']),
  head('staal', ['staal', 'stalen']),
  head('ijzer'),
  head('koper'),
  head('metaal', ['metaal', 'metalen']),
  head('glas', ['glas'], ['dou']),
  head('ruit', ['ruit', 'ruiten']),
  head('schuim'),
  head('rubber'),
  head('karton'),
  head('papier'),
  head('vilt'),
  head('leder', ['leder', 'leer']),
  head('steen', ['steen', 'stenen']),
  head('tegel', ['tegel', 'tegels']),
  head('kabel', ['kabel', 'kabels']),
  head('doek', ['doek', 'doeken']),
  head('gaas'),
  head('lijm'),
  head('verf'),
  head('hars'),
  head('kurk'),
  head('spiegel', ['spiegel', 'spiegels']),
  head('motor', ['motor', 'motoren']),
  head('knop', ['knop', 'knoppen']),
  head('multiplex'),
  head('triplex'),
];

/** Letters a word holds before the form it ends with, at least, for `compoundHeadsOf`. */
export const COMPOUND_HEAD_AFTER = 3;

/**
 * What separates a title's words for `compoundHeadsOf`, besides the space: the marks a title puts
 * straight after a word ("Koperdraad, 2 mm", "MDF-platen", "(koperdraad)").
 */
export const TITLE_MARKS = [',', '-', '/', '(', ')', '.', ';', ':', '+', '&'] as const;

/**
 * The names of `COMPOUND_HEADS` a title's words end with, as they are indexed beside the
 * category's names (the SQL of `titleHeadsSql` does the same): " draad" for "Koperdraad
 * restanten", "" for a title with none. A form counts where it first stands at the end of a word,
 * after at least `COMPOUND_HEAD_AFTER` letters that are not one of its `notAfter` (where it
 * first stands as a word of its own, the title holds it already). Letters A to Z are matched in
 * either case, others as written.
 */
export function compoundHeadsOf(title: string): string {
  let w = title;
  for (const mark of TITLE_MARKS) w = w.split(mark).join(' ');
  w = ` ${w.replace(/[A-Z]/g, (c) => c.toLowerCase())} `;
  let out = '';
  for (const h of COMPOUND_HEADS)
    if (
      h.forms.some((form) => {
        const at = w.indexOf(`${form} `);
        const before = w.slice(at - COMPOUND_HEAD_AFTER, at);
        return at > COMPOUND_HEAD_AFTER && !before.includes(' ') && !h.notAfter?.includes(before);
      })
    )
      out += ` ${h.name}`;
  return out;
}

/**
 * The SQL of a title's words as `compoundHeadsOf` reads them, for the generated `title_words`
 * column of listings and requests (migration 0065): the marks as spaces, A to Z in lower case, a
 * space before and after.
 */
export function titleWordsSql(): string {
  let w = 'title';
  for (const mark of TITLE_MARKS) w = `replace(${w}, '${mark}', ' ')`;
  return `' ' || lower(${w}) || ' '`;
}

/**
 * The SQL of `compoundHeadsOf` over a row's `title_words` (`titleWordsSql`), for the generated
 * `title_heads` column of listings and requests (migration 0065 holds its output; `npm run
 * search-terms:sql` prints it). The words are a column of their own: a row's new values are
 * computed once when it is written, where this expression names them about 200 times.
 */
export function titleHeadsSql(): string {
  const ends = (h: CompoundHead, form: string) => {
    const at = `instr(title_words, '${form} ')`;
    const before = `substr(title_words, ${at} - ${COMPOUND_HEAD_AFTER}, ${COMPOUND_HEAD_AFTER})`;
    const not = h.notAfter ? ` AND ${before} NOT IN (${h.notAfter.map((x) => `'${x}'`).join(', ')})` : '';
    return `(${at} > ${COMPOUND_HEAD_AFTER + 1} AND instr(${before}, ' ') = 0${not})`;
  };
  const parts = COMPOUND_HEADS.map(
    (h) => `CASE WHEN ${h.forms.map((f) => ends(h, f)).join(' OR ')} THEN ' ${h.name}' ELSE '' END`,
  );
  return parts.join('\n    || ');
}

/**
 * The CASE expression giving each category's indexed terms, the first part of the generated
 * `search_terms` column of listings and requests (migrations 0020 and 0065 hold its output).
 */
export function searchTermsCaseSql(): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const lines = CATEGORIES.map((c) => `    WHEN ${q(c.slug)} THEN ${q(indexedTermsOf(c.slug))}`);
  return `CASE category\n${lines.join('\n')}\n    ELSE ''\n  END`;
}

/**
 * The names a row's unit adds to its terms: what is counted in sheets is a sheet ("9 plaques"
 * shown on a card of polycarbonate offcuts is found by "plaques de polycarbonate").
 */
export const UNIT_TERMS: Readonly<Record<string, string>> = { sheets: ' plaat' };

/**
 * What a row is indexed with beside its title and description (the `search_terms` column, since
 * migrations 0065 and 0066): its category's names (`indexedTermsOf`), its title's compound heads
 * (`compoundHeadsOf`), then its unit's names (`UNIT_TERMS`).
 */
export function searchTermsOf(category: string, title: string, unit: string): string {
  return indexedTermsOf(category) + compoundHeadsOf(title) + (UNIT_TERMS[unit] ?? '');
}

/** The SQL of `UNIT_TERMS` over a row's `unit`, the last part of `search_terms`. */
export function unitTermsSql(): string {
  const whens = Object.entries(UNIT_TERMS).map(([unit, terms]) => `WHEN '${unit}' THEN '${terms}'`);
  return `CASE unit ${whens.join(' ')} ELSE '' END`;
}
