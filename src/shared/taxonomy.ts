/**
 * The material taxonomy: families and their materials, with a typical density (kg/m³) and,
 * where one fits, the EU List of Waste (EWC) code. Labels are given in nl, fr and en.
 * Densities are typical values for estimating mass from dimensions; they are not measurements.
 */
export type Locale = 'nl' | 'fr' | 'en';
export type LocalizedText = Record<Locale, string>;

export type Category = {
  slug: string;
  parent: string | null;
  label: LocalizedText;
  densityKgM3: number | null;
  ewc: string | null;
};

const c = (
  slug: string,
  parent: string | null,
  nl: string,
  fr: string,
  en: string,
  densityKgM3: number | null,
  ewc: string | null,
): Category => ({ slug, parent, label: { nl, fr, en }, densityKgM3, ewc });

/** Every category, parents before children. */
export const CATEGORIES: readonly Category[] = [
  c('wood', null, 'Hout', 'Bois', 'Wood', 600, '03 01 05'),
  c('plywood', 'wood', 'Multiplex', 'Contreplaqué', 'Plywood', 680, '03 01 05'),
  c('birch-plywood', 'plywood', 'Berken multiplex', 'Contreplaqué bouleau', 'Birch plywood', 700, '03 01 05'),
  c('mdf', 'wood', 'MDF', 'MDF', 'MDF', 750, '03 01 05'),
  c('osb', 'wood', 'OSB', 'OSB', 'OSB', 620, '03 01 05'),
  c('solid-wood', 'wood', 'Massief hout', 'Bois massif', 'Solid wood', 650, '17 02 01'),
  c(
    'hardwood',
    'solid-wood',
    'Loofhout (eik, beuk …)',
    'Feuillus (chêne, hêtre …)',
    'Hardwood (oak, beech …)',
    720,
    '17 02 01',
  ),
  c(
    'softwood',
    'solid-wood',
    'Naaldhout (vuren, grenen …)',
    'Résineux (sapin, pin …)',
    'Softwood (spruce, pine …)',
    480,
    '17 02 01',
  ),
  c('pallets', 'wood', 'Paletten', 'Palettes', 'Pallets', 500, '15 01 03'),
  c('plastics', null, 'Kunststoffen', 'Plastiques', 'Plastics', 1200, '12 01 05'),
  c('acrylic', 'plastics', 'Acryl (PMMA)', 'Acrylique (PMMA)', 'Acrylic (PMMA)', 1190, '12 01 05'),
  c('pla', 'plastics', 'PLA', 'PLA', 'PLA', 1240, '12 01 05'),
  c('abs', 'plastics', 'ABS', 'ABS', 'ABS', 1050, '12 01 05'),
  c('petg', 'plastics', 'PETG', 'PETG', 'PETG', 1270, '12 01 05'),
  c('pet', 'plastics', 'PET', 'PET', 'PET', 1380, '15 01 02'),
  c('polycarbonate', 'plastics', 'Polycarbonaat', 'Polycarbonate', 'Polycarbonate', 1200, '12 01 05'),
  c('hdpe', 'plastics', 'HDPE', 'PEHD', 'HDPE', 950, '15 01 02'),
  c('foam', 'plastics', 'Schuim', 'Mousse', 'Foam', 30, '12 01 05'),
  c('metals', null, 'Metalen', 'Métaux', 'Metals', 7850, '12 01 01'),
  c('steel', 'metals', 'Staal', 'Acier', 'Steel', 7850, '12 01 01'),
  c('stainless-steel', 'metals', 'Roestvrij staal', 'Acier inoxydable', 'Stainless steel', 8000, '12 01 01'),
  c('aluminium', 'metals', 'Aluminium', 'Aluminium', 'Aluminium', 2700, '12 01 03'),
  c('copper', 'metals', 'Koper', 'Cuivre', 'Copper', 8960, '12 01 03'),
  c('brass', 'metals', 'Messing', 'Laiton', 'Brass', 8500, '12 01 03'),
  c('textiles', null, 'Textiel', 'Textiles', 'Textiles', 1500, '04 02 22'),
  c('cotton', 'textiles', 'Katoen', 'Coton', 'Cotton', 1540, '04 02 21'),
  c('wool', 'textiles', 'Wol', 'Laine', 'Wool', 1310, '04 02 21'),
  c(
    'synthetic-fabric',
    'textiles',
    'Synthetische stof',
    'Tissu synthétique',
    'Synthetic fabric',
    1380,
    '04 02 22',
  ),
  c('leather', 'textiles', 'Leder', 'Cuir', 'Leather', 860, '04 01 09'),
  c('glass', null, 'Glas', 'Verre', 'Glass', 2500, '17 02 02'),
  c('paper-board', null, 'Papier & karton', 'Papier & carton', 'Paper & board', 700, '15 01 01'),
  c('cardboard', 'paper-board', 'Karton', 'Carton', 'Cardboard', 690, '15 01 01'),
  c('paper', 'paper-board', 'Papier', 'Papier', 'Paper', 800, '15 01 01'),
  c('electronics', null, 'Elektronica', 'Électronique', 'Electronics', null, '20 01 36'),
  c('components', 'electronics', 'Componenten', 'Composants', 'Components', null, '16 02 16'),
  c('cables', 'electronics', 'Kabels', 'Câbles', 'Cables', null, '17 04 11'),
  c('stone', null, 'Steen & keramiek', 'Pierre & céramique', 'Stone & ceramics', 2400, '17 01 07'),
  c('machine-time', null, 'Machinetijd', 'Temps machine', 'Machine time', null, null),
  c('laser-cutting', 'machine-time', 'Lasersnijden', 'Découpe laser', 'Laser cutting', null, null),
  c('cnc-milling', 'machine-time', 'CNC-frezen', 'Fraisage CNC', 'CNC milling', null, null),
  c('3d-printing', 'machine-time', '3D-printen', 'Impression 3D', '3D printing', null, null),
  c('other', null, 'Overige', 'Autre', 'Other', null, null),
];

/** All category slugs, as a tuple for z.enum. */
export const CATEGORY_SLUGS = CATEGORIES.map((cat) => cat.slug) as [string, ...string[]];

const bySlug = new Map(CATEGORIES.map((cat) => [cat.slug, cat]));

/** The category with this slug, or undefined. */
export function findCategory(slug: string): Category | undefined {
  return bySlug.get(slug);
}

/** A category and every category below it, in taxonomy order. */
export function categoryWithDescendants(slug: string): string[] {
  const out: string[] = [];
  const walk = (s: string) => {
    out.push(s);
    for (const cat of CATEGORIES) if (cat.parent === s) walk(cat.slug);
  };
  if (bySlug.has(slug)) walk(slug);
  return out;
}

/** The top-level family a category belongs to. */
export function categoryFamily(slug: string): string {
  let cat = bySlug.get(slug);
  while (cat?.parent) cat = bySlug.get(cat.parent);
  return cat?.slug ?? slug;
}

export type CategoryNode = Category & { children: CategoryNode[] };

/** The taxonomy as a tree of families. */
export function categoryTree(): CategoryNode[] {
  const build = (parent: string | null): CategoryNode[] =>
    CATEGORIES.filter((cat) => cat.parent === parent).map((cat) => ({
      ...cat,
      children: build(cat.slug),
    }));
  return build(null);
}
