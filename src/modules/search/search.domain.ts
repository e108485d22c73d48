/** Pure search rules shared by listings and requests: safe full-text queries, distance, cursors. */
import { groupsOfWord, searchWords, singularStem } from '../../shared/search-terms';

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error. Every word must
 * match, as itself or its singular stem ("planken" also finds "plank", "sheets" finds "sheet"),
 * words of 4 letters or more and the last word also as a prefix ("plyw" finds "plywood"), and a
 * word that names a material also matches its other names in nl, fr and en ("contreplaqué" finds
 * "multiplex" and "plywood"). Every word is quoted (so AND, OR, NEAR, column filters, quotes and
 * stars are plain text). Returns null when nothing searchable is left.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const kept = words.slice(0, 12);
  if (kept.length === 0) return null;
  // FTS5 has no implicit AND next to a parenthesised group: every word is joined by AND.
  return kept.map((w, i) => wordQuery(w, i === kept.length - 1)).join(' AND ');
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

/** One word of a query, OR'ed with the other names of the materials it names. */
function wordQuery(word: string, last: boolean): string {
  const groups = groupsOfWord(word);
  // A short word that names a material ("PLA", "alu") is matched whole; another last word is
  // matched as a prefix, as the person may still be typing it.
  const forms = new Set([wordToken(word, last && groups.length === 0)]);
  for (const group of groups)
    for (const name of group) forms.add(name.includes(' ') ? `"${name}"` : wordToken(name));
  return forms.size === 1 ? [...forms][0]! : `(${[...forms].join(' OR ')})`;
}

/**
 * The word of the marker row at the end of each hub's range in the hub-ordered full-text indexes
 * (`listings_hub_fts`, `requests_hub_fts`, migration 0048). It joins no listing or request.
 */
export const HUB_END_WORD = 'omloophubend';

/** The words of a query of `toFtsQuery`: its items joined by AND (each a form or a group of forms). */
function queryWords(fts: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < fts.length; i++) {
    const ch = fts[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && fts.startsWith(' AND ', i)) {
      items.push(fts.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  items.push(fts.slice(start));
  return items.map((w) => w.trim());
}

/**
 * A query of `toFtsQuery` with the hub's end marker as one more alternative of each word, for the
 * positive side of a band read from a hub-ordered index: every AND, NOT and column filter then
 * has a match at the end of the hub's range, so FTS5 stops there instead of reading on through
 * the rows of the hubs after it (its rowid bounds are checked only at a match).
 */
export function withHubEnd(fts: string): string {
  return queryWords(fts)
    .map((w) => `(${w} OR "${HUB_END_WORD}")`)
    .join(' AND ');
}

/**
 * Whether a query read without a column filter or a NOT needs the hub's end marker: only when it
 * has several words (an AND, which reads on until they meet in one row) or a name of several
 * words (a phrase, likewise). One word, with or without its other names, stops at the first entry
 * past the hub's range, and the marker would cost one more seek per hub.
 */
export function needsHubEnd(fts: string): boolean {
  return queryWords(fts).length > 1 || [...fts.matchAll(/"([^"]*)"/g)].some((m) => m[1]!.includes(' '));
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
