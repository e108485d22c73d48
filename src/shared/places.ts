/**
 * City names in the reader's language. A hub's city is stored as its manager typed it
 * ("Gent", "Ghent", "Gand"); where Dutch, French and English name a city differently, it is
 * shown in the reader's language. Cities that have one name everywhere are left as typed.
 */
import type { TLocale } from './common.schemas';

type CityNames = Record<TLocale, string>;

/** Cities of the Low Countries whose names differ by language (Belgium's bilingual names first). */
const CITIES: readonly CityNames[] = [
  { nl: 'Gent', fr: 'Gand', en: 'Ghent' },
  { nl: 'Brussel', fr: 'Bruxelles', en: 'Brussels' },
  { nl: 'Antwerpen', fr: 'Anvers', en: 'Antwerp' },
  { nl: 'Leuven', fr: 'Louvain', en: 'Leuven' },
  { nl: 'Luik', fr: 'Liège', en: 'Liège' },
  { nl: 'Bergen', fr: 'Mons', en: 'Mons' },
  { nl: 'Brugge', fr: 'Bruges', en: 'Bruges' },
  { nl: 'Mechelen', fr: 'Malines', en: 'Mechelen' },
  { nl: 'Kortrijk', fr: 'Courtrai', en: 'Kortrijk' },
  { nl: 'Namen', fr: 'Namur', en: 'Namur' },
  { nl: 'Doornik', fr: 'Tournai', en: 'Tournai' },
  { nl: 'Ieper', fr: 'Ypres', en: 'Ypres' },
  { nl: 'Hasselt', fr: 'Hasselt', en: 'Hasselt' },
  { nl: 'Oostende', fr: 'Ostende', en: 'Ostend' },
  { nl: 'Aalst', fr: 'Alost', en: 'Aalst' },
  { nl: 'Sint-Niklaas', fr: 'Saint-Nicolas', en: 'Sint-Niklaas' },
  { nl: 'Tongeren', fr: 'Tongres', en: 'Tongeren' },
  { nl: 'Nijvel', fr: 'Nivelles', en: 'Nivelles' },
  { nl: 'Aken', fr: 'Aix-la-Chapelle', en: 'Aachen' },
  { nl: 'Rijsel', fr: 'Lille', en: 'Lille' },
  { nl: 'Den Haag', fr: 'La Haye', en: 'The Hague' },
  { nl: 'Keulen', fr: 'Cologne', en: 'Cologne' },
  { nl: 'Parijs', fr: 'Paris', en: 'Paris' },
  { nl: 'Luxemburg', fr: 'Luxembourg', en: 'Luxembourg' },
];

/** Lower case without accents or spaces around, so "Liege", "LIÈGE " and "liège" are one key. */
function key(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

const BY_NAME = new Map<string, CityNames>();
/** Every spelling the table knows, as written. */
const SPELLINGS: string[] = [];
for (const city of CITIES)
  for (const name of Object.values(city)) {
    BY_NAME.set(key(name), city);
    if (!SPELLINGS.includes(name)) SPELLINGS.push(name);
  }
// Other spellings people type.
for (const [other, nl] of [
  ["'s-Gravenhage", 'Den Haag'],
  ['Bruxelles-Ville', 'Brussel'],
] as const) {
  BY_NAME.set(
    key(other),
    CITIES.find((c) => c.nl === nl)!,
  );
  SPELLINGS.push(other);
}

/**
 * Every spelling of a city this table knows, as written ("Liège", "'s-Gravenhage"): migration
 * 0058's `city_names` holds each (in lower case, with and without accents) so a hub is found by
 * its city's other names.
 */
export function citySpellings(): readonly string[] {
  return SPELLINGS;
}

/** A city's names in Dutch, French and English, each once ("Gent", "Gand", "Ghent"); null when not in the table. */
export function cityNamesOf(city: string): string[] | null {
  const names = BY_NAME.get(key(city));
  return names ? [...new Set([names.nl, names.fr, names.en])] : null;
}

/**
 * A city's name in a language: "Ghent" reads "Gand" in French and "Gent" in Dutch. A city not in
 * the table (or with one name everywhere) comes back as it was stored.
 */
export function cityName(city: string, locale: TLocale): string {
  return BY_NAME.get(key(city))?.[locale] ?? city;
}
