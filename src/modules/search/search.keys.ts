/**
 * A filter as words of the full-text indexes (migration 0054): each row's categories (its own and
 * each above it), kind, condition, price and "has both sizes" are one-character tokens in the
 * indexes' column `filter_keys`, so words and a filter are one FTS5 query whose matches all meet
 * the filter (a category with the ones below it, or a family, one token) —
 * rows read follow the rows shown, not the words' matches (`q=birch&kind=machine_time` read
 * every "birch" at a million listings, 560,004 rows, to show five). The filter stays in the
 * query's WHERE as well: the tokens choose which rows are read, the WHERE decides.
 */
import { COMPOUND_HEADS, indexedTermsOf, searchWords } from '../../shared/search-terms';
import { categoryWithDescendants, findCategory } from '../../shared/taxonomy';
import type { Condition, HubScan } from './search.statements';
import { HUB_END_WORD } from './search.domain';

/** Migration 0054's lists, character for character: a token is its value's place in its list. */
const CATEGORIES =
  ',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,';

/**
 * Per column: the base character (Unicode's private use area) and the list (migration 0054). A
 * category's token, and a family's, is "this category or one below it": a row holds it for its
 * category and each category above it.
 */
const LISTS: Record<Exclude<HubScan['column'], 'hub_id' | 'sized'>, [number, string]> = {
  category: [0xe400, CATEGORIES],
  family: [0xe400, CATEGORIES],
  kind: [0xe800, ',material,offcut,reclaimed,machine_time,'],
  condition: [0xe900, ',new,as_new,good,used,for_parts,'],
  price_type: [0xea00, ',free,swap,amount,'],
};

/** A category's place in the category list (`instr`: 1-based, 0 when not in it). */
export function categoryPlace(slug: string): number {
  return CATEGORIES.indexOf(`,${slug},`) + 1;
}

/**
 * The range of the category-ordered index (migration 0056) a category's rows are in: the range of
 * the category just below its family that it is, or is below (hardwood and softwood are in solid
 * wood's); a family's own rows in the family's. As its place in the category list (`instr`:
 * 1-based, 0 when not in it), in units of 2^33 rowids.
 */
export function categoryRange(slug: string): number {
  let cat = findCategory(slug);
  while (cat?.parent && findCategory(cat.parent)?.parent) cat = findCategory(cat.parent);
  return categoryPlace(cat?.slug ?? slug);
}

/** The token of "has a length and a width" (only such rows carry it). */
const SIZED = 0xeb01;

/**
 * The token a row with this value holds (as SQLite's `instr`: 1-based, 0 when the value is not
 * in the list, so every value missing from a list shares its column's base token).
 */
export function filterKey(column: Exclude<HubScan['column'], 'hub_id'>, value: string | number): string {
  if (column === 'sized') return String.fromCharCode(SIZED);
  const [base, list] = LISTS[column];
  return String.fromCharCode(base + list.indexOf(`,${String(value)},`) + 1);
}

/**
 * The tokens of every filter with a hub scan but the hub, as one full-text query (each filter's
 * values an OR, the filters an AND), or null when no filter has tokens. With `end`, for a range
 * of a hub-ordered index, each filter also takes the hub's end marker, so FTS5 stops at the end of
 * the hub's range (as `withHubEnd` for the words).
 */
export function filterKeysQuery(where: Condition[], end = false): string | null {
  const groups = keyedScans(where).map((scan) => {
    const column = scan.column;
    // A category with the ones below it: the token of the one above them all (each row below it
    // holds it too).
    const values =
      column === 'category'
        ? scan.values.filter((v) => !scan.values.includes(findCategory(String(v))?.parent ?? ''))
        : scan.values;
    const tokens = [...new Set(values.map((v) => `"${filterKey(column, v)}"`))];
    if (end) tokens.push(`"${HUB_END_WORD}"`);
    return `{filter_keys} : (${tokens.join(' OR ')})`;
  });
  return groups.length === 0 ? null : groups.join(' AND ');
}

/** A full-text query narrowed to the rows holding the filters' tokens (`filterKeysQuery`). */
export function withFilterKeys(fts: string, where: Condition[], end = false): string {
  const keys = filterKeysQuery(where, end);
  return keys === null ? fts : `(${fts}) AND ${keys}`;
}

/** Whether a search's filters narrow its full-text query (`withFilterKeys` adds to it). */
export function hasFilterKeys(where: Condition[]): boolean {
  return keyedScans(where).length > 0;
}

/** The filters that have tokens: every hub scan with a value, but the hub's own. */
function keyedScans(where: Condition[]): (HubScan & { column: Exclude<HubScan['column'], 'hub_id'> })[] {
  return where.flatMap((w) => {
    const scan = w.hubScan;
    return scan && scan.column !== 'hub_id' && scan.values.length > 0
      ? [{ ...scan, column: scan.column }]
      : [];
  });
}

const termsOf = new Map<string, string[]>();

/**
 * The categories a category or family filter admits (each with the ones below it), or null when
 * the search has none. Of the first such filter: any other one only narrows them.
 */
export function filterCategories(where: Condition[]): string[] | null {
  const scan = keyedScans(where).find((s) => s.column === 'category' || s.column === 'family');
  if (!scan) return null;
  const slugs =
    scan.column === 'family'
      ? scan.values.flatMap((v) => categoryWithDescendants(String(v)))
      : scan.values.map(String);
  return slugs.length === 0 ? null : [...new Set(slugs)];
}

/**
 * Whether a row the filters admit may match a form of the query's words through its category's
 * names (`search_terms`: the same text for every row of a category, `indexedTermsOf`, then the
 * title's compound heads, one of `COMPOUND_HEADS`' names). When none
 * can, each word is in such a row's title or names only when it is in its title, so the second
 * band of best match (every word in the title or the names, not all in the title) holds none of
 * them and is not read: FTS5 proved it empty by merging the words' lists with the filter's token
 * (`q=birch&category=solid-wood`, every "berk" and "bouleau" of birch plywood's names, about 55 ms
 * at a million listings). Any doubt says "may": no category or family filter, a form without
 * words, and every form is taken as a prefix of any name's word.
 */
export function namesMayMatch(fts: string, where: Condition[]): boolean {
  const slugs = filterCategories(where);
  if (!slugs) return true;
  // A row's names end with its title's compound heads (`compoundHeadsOf`), whatever its category.
  const names = new Set<string>(COMPOUND_HEADS.map((h) => h.name));
  for (const slug of slugs) {
    let words = termsOf.get(slug);
    if (!words) termsOf.set(slug, (words = indexedTermsOf(slug).split(' ').filter(Boolean)));
    for (const w of words) names.add(w);
  }
  const forms = [...fts.matchAll(/"([^"]*)"/g)].map((m) => searchWords(m[1]!)[0]);
  if (forms.length === 0 || forms.some((f) => f === undefined)) return true;
  return forms.some((f) => [...names].some((n) => n.startsWith(f!)));
}
