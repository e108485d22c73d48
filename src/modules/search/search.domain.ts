/** Pure search rules shared by listings and requests: safe full-text queries, distance, cursors. */
import {
  compoundOf,
  compoundsOf,
  groupsOfPhrase,
  groupsOfWord,
  isFormGroup,
  searchWords,
  singularStem,
} from '../../shared/search-terms';

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error. Every word must
 * match, as itself or its singular stem ("planken" also finds "plank", "sheets" finds "sheet"),
 * words of 4 letters or more and the last word also as a prefix ("plyw" finds "plywood"), and a
 * word that names a material also matches its other names in nl, fr and en ("contreplaqué" finds
 * "multiplex" and "plywood"). A name of several words is one ("moteur pas à pas"), little words
 * (`STOP_WORDS`: "de", "van", "pour", "the" …) are left out when other words remain ("bois de
 * palette" is bois AND palette), a size is matched written either way ("18mm" and "18 mm"
 * find both; "600x400" finds "600 × 400": `sizeAt`), a Dutch compound of two names also
 * finds them apart ("eikenhout" finds oak that is wood: `compoundOf`), and two names side by side
 * also find their Dutch compound ("copper wire" finds "koperdraad": `joinedAsCompounds`). Every
 * word is quoted (so AND, OR, NEAR, column filters, quotes and stars are plain text). Returns null
 * when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const items = ftsItems(text);
  return items ? items.map((i) => i.query).join(' AND ') : null;
}

/**
 * One item of a query of `toFtsQuery` (all of them must match) and the words typed for it; `form`
 * when it names only a shape or packing (`FORM_NAMES`: sheets, offcuts, tube …), not a material;
 * `joined` when the item was joined with its neighbour as Dutch compounds (`joinedAsCompounds`):
 * its query without them (`plain`) and the compounds' query, which a search may leave out when no
 * row holds any of them (the same rows, fewer terms for FTS5 to seek in each hub a search reads).
 */
export type FtsItem = {
  query: string;
  words: string[];
  form?: true;
  joined?: { plain: string; compounds: string };
};

/** The items of `toFtsQuery`'s query, each with the words it stands for; null when none. */
export function ftsItems(text: string): FtsItem[] | null {
  const words = (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  if (words.length === 0) return null;
  const little = (w: string) => STOP_WORDS.has(searchWords(w).join(''));
  const leaveLittle = words.some((w) => !little(w));
  // FTS5 has no implicit AND next to a parenthesised group: every item is joined by AND.
  const items: (FtsItem & { groups?: string[][] })[] = [];
  for (let i = 0; i < words.length; i++) {
    // A name of several words ("moteur pas à pas", little words and all) is one item: any name
    // of its groups, or its words each as a word ("plywood, birch" still finds "birch plywood").
    const phrase = groupsOfPhrase(words.slice(i));
    if (phrase) {
      const typed = words.slice(i, i + phrase.words);
      const own = typed.filter((w) => !little(w));
      const last = i + phrase.words === words.length;
      const each = own.map((w, k) => wordQuery(w, last && k === own.length - 1));
      items.push({
        query:
          each.length > 0
            ? `(${namesQuery(phrase.groups)} OR (${each.join(' AND ')}))`
            : namesQuery(phrase.groups),
        words: typed,
        groups: phrase.groups,
      });
      i += phrase.words - 1;
      continue;
    }
    const size = sizeAt(words, i);
    if (size) {
      items.push({ query: size.item, words: words.slice(i, i + size.words) });
      i += size.words - 1;
    } else if (!(leaveLittle && little(words[i]!))) {
      const groups = groupsOfWord(words[i]!);
      items.push({
        query: wordQuery(words[i]!, i === words.length - 1),
        words: [words[i]!],
        ...(groups.length > 0 ? { groups } : {}),
      });
    }
  }
  return joinedAsCompounds(items);
}

/**
 * Two names side by side are also found written as one Dutch word, either way round: "copper
 * wire" finds "koperdraad", "chutes de cuir" "lederresten" (`compoundsOf`). Each of the two items
 * takes the compounds as one more alternative, which is (copper AND wire) OR koperdraad, while
 * each stays an item of its own: a word no listing holds is still left out alone
 * ("gerecycleerd plastic" searches plastic).
 */
function joinedAsCompounds(items: (FtsItem & { groups?: string[][] })[]): FtsItem[] {
  const out: FtsItem[] = items.map(({ query, words, groups }) =>
    groups && groups.length > 0 && groups.every(isFormGroup)
      ? { query, words, form: true }
      : { query, words },
  );
  for (let k = 0; k + 1 < items.length; k++) {
    const [a, b] = [items[k]!, items[k + 1]!];
    const forms = a.groups && b.groups ? compoundsOf(a.groups, b.groups, MAX_PREFIX - 3) : [];
    if (forms.length === 0) continue;
    const compounds = namesQuery([forms]);
    out[k]!.query = `(${a.query} OR ${compounds})`;
    out[k]!.joined = { plain: a.query, compounds };
    out[k + 1]!.query = `(${b.query} OR ${compounds})`;
    out[k + 1]!.joined = { plain: b.query, compounds };
    k++;
  }
  return out;
}

/**
 * Words a query leaves out when it has others: articles, prepositions and conjunctions of nl, fr
 * and en, which are in most titles or in none ("Bois de palette" must not need a "de").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // nl
  ...['de', 'het', 'een', 'van', 'voor', 'met', 'en', 'of', 'op', 'te', 'uit', 'aan', 'bij', 'om'],
  // fr (d’, l’ are split off as "d", "l")
  ...['le', 'la', 'les', 'un', 'une', 'des', 'du', 'et', 'ou', 'pour', 'avec', 'au', 'aux', 'd', 'l'],
  // en
  ...['the', 'a', 'an', 'of', 'for', 'and', 'or', 'with', 'to', 'from'],
]);

/** Units a size is written with, glued to its number or not ("18mm", "18 mm"). */
const UNITS: ReadonlySet<string> = new Set(['mm', 'cm', 'm', 'kg', 'g', 'l', 'ml']);

/**
 * A size at `words[i]`, as one item of the query, and how many words it took; null when none
 * starts there. A number and its unit, glued or not ("18mm", "18 mm"), is matched written either
 * way. Numbers joined by x ("600x400", "600 x 400", "44x44mm") are matched as "600 × 400",
 * "600 x 400" or "600x400…", length and width either way round (the unit left aside: a title
 * often gives it once, or not at all).
 */
function sizeAt(words: string[], i: number): { item: string; words: number } | null {
  const at = (k: number) => (words[k] === undefined ? '' : searchWords(words[k]!).join(''));
  const first = /^(\d+(?:x\d+)*)(\p{L}+)?$/u.exec(at(i));
  if (!first) return null;
  const numbers = first[1]!.split('x');
  let unit = first[2] ?? null;
  let k = i;
  // Spaced: "600 x 400", "600 x 400mm", "600 x 400 x 18".
  const numberAt = (n: number) => /^(\d+)(\p{L}+)?$/u.exec(at(n));
  while (!unit && at(k + 1) === 'x' && numberAt(k + 2)) {
    const next = numberAt(k + 2)!;
    numbers.push(next[1]!);
    unit = next[2] ?? null;
    k += 2;
  }
  if (unit !== null && !UNITS.has(unit)) return null;
  if (unit === null && UNITS.has(at(k + 1))) {
    unit = at(k + 1);
    k++;
  }
  if (numbers.length === 1)
    return unit === null
      ? null
      : { item: `("${numbers[0]} ${unit}" OR "${numbers[0]}${unit}")`, words: k - i + 1 };
  // Length and width either way round, as "my part fits" takes them (a thickness stays last).
  const [a, b, ...rest] = numbers as [string, string, ...string[]];
  const forms = new Set<string>();
  for (const order of [numbers, [b, a, ...rest]])
    forms
      .add(`"${order.join(' ')}"`)
      .add(`"${order.join(' x ')}"`)
      .add(`"${order.join('x')}"*`);
  return { item: `(${[...forms].join(' OR ')})`, words: k - i + 1 };
}

/**
 * The longest prefix the full-text index keeps (migration 0038: `prefix = '3 4 … 12'`). A
 * longer prefix is cut to it, so every prefix query of 3 to 8 letters is one lookup in that index
 * (a lazy list, read newest first a page at a time) instead of a merge of every word it starts,
 * built whole in memory on each query (hundreds of ms at a million listings). Twelve letters keep
 * a word apart ("multiplexpla" is still multiplexplaat; at eight, "multiplex" would find "multiple").
 */
export const MAX_PREFIX = 12;
const prefix = (w: string) => [...w].slice(0, MAX_PREFIX).join('');

/**
 * How one word is matched: by its singular stem as a prefix when the stem keeps 4 letters or more
 * (or is the 3-letter stem of an nl plural),
 * else as itself (a prefix when 4 letters or more, or when `open`).
 */
function wordToken(word: string, open = false): string {
  const stem = singularStem(word);
  const whole = searchWords(word).join('');
  // A 3-letter nl stem of a plural in -en ("zakken" → "zak") is a safe prefix too.
  if (stem.length >= 4 || (stem.length === 3 && whole.endsWith('en'))) return `"${prefix(stem)}"*`;
  return whole.length >= 4 || open ? `"${prefix(whole)}"*` : `"${whole}"`;
}

/**
 * One word of a query, OR'ed with the other names of the materials it names; a compound of two
 * such names, also as both of them ("aluprofiel": alu AND profiel, each with its other names).
 */
function wordQuery(word: string, last: boolean): string {
  const groups = groupsOfWord(word);
  // A short word that names a material ("PLA", "alu") is matched whole; another last word is
  // matched as a prefix, as the person may still be typing it.
  const own = namesQuery(groups, wordToken(word, last && groups.length === 0));
  const parts = groups.length === 0 ? compoundOf(word) : null;
  return parts ? `(${own} OR (${namesQuery(parts.head)} AND ${namesQuery(parts.tail)}))` : own;
}

/**
 * A name of several words as a phrase whose last word is matched by its singular stem as a
 * prefix ("inner tube" finds "inner tubes", "panneau de fibres" "panneau de fibre"), as one word is.
 */
function phraseToken(name: string): string {
  const words = name.split(' ');
  const stem = prefix(singularStem(words[words.length - 1]!));
  return stem.length >= 3 ? `"${[...words.slice(0, -1), stem].join(' ')}"*` : `"${name}"`;
}

/**
 * Every name of these groups OR'ed (a name of several words as a phrase), after `first`; a form a
 * prefix of the list already finds is left out ("eik"* finds "eik", "multiplex"* "multiplexpla"*):
 * one term less for FTS5 to seek, in every hub a search reads.
 */
function namesQuery(groups: string[][], first?: string): string {
  const forms = new Set(first === undefined ? [] : [first]);
  for (const group of groups)
    for (const name of group) forms.add(name.includes(' ') ? phraseToken(name) : wordToken(name));
  const prefixes = [...forms].filter((f) => /^"[^" ]+"\*$/.test(f));
  // A form is found by another that is a prefix of its first word ("eik" by "eik"*, the phrase
  // "stepper motor"* by "stepper"*).
  const firstWord = (f: string) => /^"([^" ]+)/.exec(f)?.[1] ?? '';
  const kept = [...forms].filter(
    (f) => !prefixes.some((p) => p !== f && firstWord(f).startsWith(firstWord(p))),
  );
  return kept.length === 1 ? kept[0]! : `(${kept.join(' OR ')})`;
}

/**
 * The word of the marker row at the end of each hub's range in the hub-ordered full-text indexes
 * (`listings_hub_fts`, `requests_hub_fts`, migration 0048). It joins no listing or request.
 */
export const HUB_END_WORD = 'omloophubend';

/** `expr` split at `sep` (" AND ", " OR ") where it is outside quotes and parentheses. */
function splitTop(expr: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && expr.startsWith(sep, i)) {
      parts.push(expr.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((w) => w.trim());
}

/** Whether `expr` is one parenthesised group (its first parenthesis closes at its end). */
function isGroup(expr: string): boolean {
  if (!expr.startsWith('(') || !expr.endsWith(')')) return false;
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth === 0) return i === expr.length - 1;
  }
  return false;
}

const END = `"${HUB_END_WORD}"`;

/** An item with every AND inside it (a name's words, a compound's parts) given the marker on each side. */
function endInside(expr: string): string {
  if (!isGroup(expr)) return expr;
  const inner = expr.slice(1, -1);
  const operands = splitTop(inner, ' AND ');
  if (operands.length > 1) return `(${operands.map((w) => `(${endInside(w)} OR ${END})`).join(' AND ')})`;
  return `(${splitTop(inner, ' OR ').map(endInside).join(' OR ')})`;
}

/**
 * A query of `toFtsQuery` with the hub's end marker as one more alternative of each word, for the
 * positive side of a band read from a hub-ordered index: every AND, NOT and column filter then
 * has a match at the end of the hub's range, so FTS5 stops there instead of reading on through
 * the rows of the hubs after it (its rowid bounds are checked only at a match). An AND within an
 * item ("pas à pas" as its words, "aluprofiel" as alu and profiel) has it on each side too.
 */
export function withHubEnd(fts: string): string {
  return splitTop(fts, ' AND ')
    .map((w) => `(${endInside(w)} OR ${END})`)
    .join(' AND ');
}

/**
 * Whether a query read without a column filter or a NOT needs the hub's end marker: only when it
 * has an AND (several words, or one item's words, which read on until they meet in one row) or a
 * name of several words (a phrase, likewise). One word, with or without its other names, stops at
 * the first entry past the hub's range, and the marker would cost one more seek per hub.
 */
export function needsHubEnd(fts: string): boolean {
  const quotes = [...fts.matchAll(/"([^"]*)"/g)];
  return fts.replace(/"[^"]*"/g, '""').includes(' AND ') || quotes.some((m) => m[1]!.includes(' '));
}

export { distanceMetres, metresToKm } from '../../shared/geo';

export type Cursor =
  | { s: 'newest'; id: number }
  | { s: 'nearest'; d: number; id: number }
  | { s: 'relevance'; r: number; d?: number; id: number };

function toBase64Url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function encodeCursor(c: Cursor): string {
  return toBase64Url(JSON.stringify(c));
}

/** The cursor a page link carries, or null if it was not made by encodeCursor for this sort. */
export function decodeCursor(text: string, sort: Cursor['s']): Cursor | null {
  try {
    const json: unknown = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')));
    if (typeof json !== 'object' || json === null) return null;
    const c = json as Record<string, unknown>;
    if (c.s !== sort || !Number.isSafeInteger(c.id)) return null;
    if (sort === 'nearest' && !Number.isSafeInteger(c.d)) return null;
    if (sort === 'relevance' && (typeof c.r !== 'number' || !Number.isFinite(c.r))) return null;
    if (sort === 'relevance' && c.d !== undefined && !Number.isSafeInteger(c.d)) return null;
    return c as Cursor;
  } catch {
    return null;
  }
}

/** The sort a search uses when none is asked for. */
export function defaultSort(q: { near?: unknown; q?: string; sort?: Cursor['s'] }): Cursor['s'] {
  if (q.sort) return q.sort;
  // With words, the best matches come first (distance then breaks ties); without, the nearest.
  if (q.q) return 'relevance';
  if (q.near) return 'nearest';
  return 'newest';
}
