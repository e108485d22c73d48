import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type { TListingSearch, TRequestSearch } from '../../shared/search.schemas';
import { hubRingOf, hubRings, hubsWithin, requireHubIds, requireHubRef } from '../hubs/hubs.service';
import type { HubPlace, HubRing, SearchRows, SearchSqlOptions } from './search.statements';
import {
  decodeCursor,
  defaultSort,
  encodeCursor,
  ftsItems,
  toFtsQuery,
  type Cursor,
  type FtsItem,
} from './search.domain';
import {
  foldRows,
  itemsHeld,
  listingAnswers,
  mergeStep,
  oneTrip,
  saveFold,
  segmentsOf,
  tidyStep,
  type FullTextIndex,
} from './search.repo';
import { anyText } from './search.statements';

type Resolved = {
  hubId: number | null;
  /**
   * The words of `q` no listing (or request) holds, each as typed, when the others were searched
   * without them (`wordsLeftOut` of the page); empty when every word was searched.
   */
  wordsLeftOut: string[];
  /**
   * The words of `q` each held by some row but never with the others, left out as shapes or
   * packings so the material is found (`wordsApart` of the page); empty when none was.
   */
  wordsApart: string[];
  /**
   * Hubs whose rows are left out by a condition (`not_hub`), when no hubs are read for the search
   * (no place, or newest first without a radius); with hubs read, they are left out of those.
   */
  notHubIds: number[] | null;
  /**
   * A search by every word of `q` (two items or more, no place) whose page is read before its
   * look-up is waited on: the search with the words some row holds (`wordsOf`), or null when
   * that is every word.
   */
  wordsHeld?: () => Promise<Resolved | null>;
  /**
   * The database to read the page from, when it goes to D1 in one call with a look-up asked
   * already (`oneTrip`); else the caller's.
   */
  db?: D1Database;
  sql: Pick<
    SearchSqlOptions,
    | 'fts'
    | 'hubDistances'
    | 'places'
    | 'rings'
    | 'ringsOf'
    | 'ringsFrom'
    | 'metresFrom'
    | 'sort'
    | 'cursor'
    | 'limit'
  >;
};

/**
 * Half-width, in cells of 0.1°, of the first square of hubs a search by words and a place reads
 * without a radius (about 60 km of longitude in Belgium; the first square of a place alone is
 * about 15 km). The words are rarer than listings: in the bench's grid of a hub every 0.1°, a
 * word in the titles of one hub in ten is 50 km away, and a first square of 15 km cost two more
 * statements (a page over its 25 hubs, then the next square) for every such search.
 */
export const FIRST_RING_CELLS_WITH_WORDS = 8;

type Words = { fts: string; wordsLeftOut: string[]; wordsApart: string[] };

/** The full-text query of these items, all of them (`toFtsQuery`'s, of the items kept). */
function searched(kept: FtsItem[]): string {
  return kept.map((i) => i.query).join(' AND ');
}

/**
 * The full-text query of `q`, and the words of it that no row of `table` holds, left out when
 * others remain ("gerecycleerd plastic" searches plastic, and says so): with two items or more,
 * one statement asks whether some row holds them all and, when none does, which of them any row
 * holds and whether those are held together (`itemsHeld`): one statement more than the search's
 * own (`SEARCH_STATEMENTS`; without a place, in the same call as the page by every word, and
 * waited on only when that page is empty: `readSearch`). Words each held but never together:
 * the shapes and packings among them (`form`: sheets, offcuts …) are left out when a material
 * remains ("polycarbonate sheets" searches polycarbonate, and says that no polycarbonate is a
 * sheet: `wordsApart`), also after a word held nowhere was left out ("zebrano polycarbonate
 * sheets"), and but for the shapes a row holds with the materials ("copper wire rolls" searches
 * copper wire); else all are kept, and nothing is found. Dutch compounds of two items that no row
 * holds are left out of those items (`FtsItem.joined`): the same rows, fewer terms.
 */
async function wordsOf(deps: Deps, table: 'listings' | 'requests', items: FtsItem[]): Promise<Words> {
  const named = (left: FtsItem[]) => left.map((i) => i.words.join(' '));
  if (items.length < 2) return { fts: searched(items), wordsLeftOut: [], wordsApart: [] };
  const joined = [...new Set(items.flatMap((i) => (i.joined ? [i.joined.compounds] : [])))];
  const { apart: found, joinedHeld } = await itemsHeld(
    deps.db,
    table,
    anyText(searched(items)),
    items.map((i) => anyText(i.query)),
    items.flatMap((i, k) => (i.form ? [k] : [])),
    joined.map(anyText),
  );
  // Dutch compounds no row holds are left out of the items joined with them: the same rows, and
  // fewer terms to seek in each hub a page reads ("birch offcuts": 22 terms → 10).
  const unheld = new Set(joined.filter((_, k) => !joinedHeld.includes(k)));
  const lean = items.map((i) =>
    i.joined && unheld.has(i.joined.compounds) ? { ...i, query: i.joined.plain } : i,
  );
  const all: Words = { fts: searched(lean), wordsLeftOut: [], wordsApart: [] };
  if (!found || found.held.length === 0) return all;
  const kept = lean.filter((_, k) => found.held.includes(k));
  const wordsLeftOut = named(lean.filter((_, k) => !found.held.includes(k)));
  const materials = kept.filter((i) => !i.form);
  if (!found.apart || materials.length === 0 || materials.length === kept.length)
    return kept.length === lean.length ? all : { fts: searched(kept), wordsLeftOut, wordsApart: [] };
  // The shapes a row holds with the materials stay ("copper wire rolls": the wire, not the rolls).
  const stays = (i: FtsItem) => !i.form || found.withMaterials.includes(lean.indexOf(i));
  return {
    fts: searched(kept.filter(stays)),
    wordsLeftOut,
    wordsApart: named(kept.filter((i) => !stays(i))),
  };
}

/** Turns the common search parameters into what the query builder needs, or a 4xx. */
export async function resolveSearch(
  deps: Deps,
  query: TListingSearch | TRequestSearch,
  table: 'listings' | 'requests',
): Promise<Resolved> {
  const sort = defaultSort(query);
  const items = query.q ? ftsItems(query.q) : null;
  if (query.q && !items)
    throw new ApiError('INVALID_QUERY', { details: { fields: [{ path: 'q', message: '' }] } });
  let cursor: Cursor | null = null;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor, sort);
    if (!cursor)
      throw new ApiError('INVALID_CURSOR', { details: { fields: [{ path: 'cursor', message: '' }] } });
  }
  // The hubs named first: a hub that does not exist is a 404 before the words are looked up.
  const hubId = query.hub ? (await requireHubRef(deps, query.hub)).id : null;
  const notHubIds = query.not_hub ? await requireHubIds(deps, query.not_hub, 'not_hub') : [];
  const left = new Set(notHubIds);
  const condition = notHubIds.length > 0 ? notHubIds : null;
  if (!query.near) {
    // Without a place, the page is read with every word; which of them some row holds is asked
    // in the same call, and waited on only when the page is empty (`wordsHeld`, `readSearch`).
    const every = items ? searched(items) : null;
    const resolved = (words: Words | null): Resolved => ({
      hubId,
      wordsLeftOut: words?.wordsLeftOut ?? [],
      wordsApart: words?.wordsApart ?? [],
      notHubIds: condition,
      sql: {
        fts: words?.fts ?? every,
        hubDistances: null,
        rings: null,
        metresFrom: null,
        sort,
        cursor,
        limit: query.limit,
      },
    });
    const first = resolved(null);
    if (!items || items.length < 2) return first;
    // Which words some row holds is asked now, and goes to D1 in one call with the page by every
    // word (`oneTrip`, the first two statements); it is waited on only when that page is empty.
    const db = oneTrip(deps.db, 2);
    const held = wordsOf({ ...deps, db }, table, items);
    held.catch(() => undefined); // a failed look-up fails its page's call too, which is awaited
    return {
      ...first,
      db,
      wordsHeld: async () => {
        // Nothing left out or apart: the page by every word stands (compounds left out find the same).
        const words = await held;
        return words.wordsLeftOut.length === 0 && words.wordsApart.length === 0 ? null : resolved(words);
      },
    };
  }
  // Listings and requests sit at their hub, so distances are per hub. Nearest first and best
  // match read the hubs in reach a ring of cells at a time, only while the page is not full.
  // Hubs left out are dropped from each ring: no statement reads them.
  const point = query.near;
  const firstCells = items ? FIRST_RING_CELLS_WITH_WORDS : undefined;
  const leaving = (rings: () => Promise<HubRing>) => (left.size === 0 ? rings : withoutHubs(rings, left));
  // A first page by best match whose first read is the ring round the point (no filter lists its
  // hubs first: `ringFirst`) reads it in the same call to D1 as the look-up of its words.
  const together =
    items !== null && items.length > 1 && sort !== 'newest' && cursor === null && ringFirst(query);
  const db = together ? oneTrip(deps.db) : deps.db;
  const rings = together
    ? started(hubRings({ ...deps, db }, point, query.radius_km, undefined, firstCells))
    : sort !== 'newest'
      ? hubRings(deps, point, query.radius_km, undefined, firstCells)
      : null;
  const words = items ? await wordsOf({ ...deps, db }, table, items) : null;
  const fts = words?.fts ?? null;
  const wordsLeftOut = words?.wordsLeftOut ?? [];
  const wordsApart = words?.wordsApart ?? [];
  if (rings)
    return {
      hubId,
      wordsLeftOut,
      wordsApart,
      notHubIds: null,
      sql: {
        fts,
        hubDistances: null,
        rings: leaving(rings),
        // A next page reads no ring whose hubs are all nearer than where the last one ended.
        ringsFrom: (metres) => leaving(hubRings(deps, point, query.radius_km, metres, firstCells)),
        ringsOf: (places) =>
          hubRingOf(
            point,
            places.filter((h) => !left.has(h.id)),
            query.radius_km,
          ),
        metresFrom: point,
        sort,
        cursor,
        limit: query.limit,
      },
    };
  // Newest first: without a radius every hub is in reach and none is read (the page's distances
  // are measured from its rows); with one, the hubs of the radius's cells.
  if (query.radius_km === undefined)
    return {
      hubId,
      wordsLeftOut,
      wordsApart,
      notHubIds: condition,
      sql: { fts, hubDistances: null, rings: null, metresFrom: point, sort, cursor, limit: query.limit },
    };
  const hubDistances = new Map<number, number>();
  const places = new Map<number, HubPlace>();
  for (const hub of await hubsWithin(deps, point, query.radius_km)) {
    if (left.has(hub.id)) continue;
    hubDistances.set(hub.id, hub.metres);
    places.set(hub.id, hub.place);
  }
  return {
    hubId,
    wordsLeftOut,
    wordsApart,
    notHubIds: null,
    sql: { fts, hubDistances, places, rings: null, metresFrom: point, sort, cursor, limit: query.limit },
  };
}

/**
 * A resolved search's rows, read by `read`: when a search by every word found nothing and has a
 * look-up of its words (`Resolved.wordsHeld`), the search with the words some row holds is read
 * instead (with the words left out or apart it names). The same page as looking the words up
 * first: a page holding a row holds every word; found together nowhere, the look-up decides. A
 * search by words without a place thus costs one call to D1 when they are found together (the
 * page and the look-up in one batch: `oneTrip`), and two when they are not (then the page by the
 * words held).
 */
export async function readSearch<Rows extends unknown[]>(
  s: Resolved,
  read: (s: Resolved) => Promise<Rows>,
): Promise<{ s: Resolved; rows: Rows }> {
  const rows = await read(s);
  if (rows.length > 0 || !s.wordsHeld) return { s, rows };
  const held = await s.wordsHeld();
  return held ? { s: held, rows: await read(held) } : { s, rows };
}

/**
 * Whether a search near a point reads the ring round the point first: no filter whose rows an
 * index lists by hub (a category, kind, condition, price, "my part fits", one hub), which lists
 * the hubs holding it first (`runSearch`).
 */
function ringFirst(query: TListingSearch | TRequestSearch): boolean {
  const listing = query as Partial<TListingSearch>;
  return (
    !query.category && !query.hub && !listing.kind && !listing.condition && !listing.price && !listing.fits
  );
}

/** `rings` with its first ring asked for now (read when first called, as it would have been). */
function started(rings: () => Promise<HubRing>): () => Promise<HubRing> {
  let first: Promise<HubRing> | null = rings();
  // Asked for early, it may fail before anyone waits on it: the caller that does is told.
  first.catch(() => undefined);
  return () => {
    const ring = first ?? rings();
    first = null;
    return ring;
  };
}

/** The rings of `rings` without these hubs (what they read is unchanged; the hubs are not searched). */
function withoutHubs(rings: () => Promise<HubRing>, left: Set<number>): () => Promise<HubRing> {
  return async () => {
    const ring = await rings();
    return { ...ring, hubs: ring.hubs.filter((h) => !left.has(h.id)) };
  };
}

/**
 * Whether a listing answers each of these search texts as the search page finds it (its title,
 * description and category names, other languages and trade names, sizes written either way: the
 * same full-text query on the same index), in one statement. A text with no searchable word (or
 * none) asks nothing and is answered.
 */
export async function listingAnswersWords(
  deps: Deps,
  listingId: number,
  texts: (string | undefined)[],
): Promise<boolean[]> {
  const fts = texts.map((t) => (t ? toFtsQuery(t) : null));
  const asked = fts.flatMap((f, i) => (f ? [{ i, match: anyText(f) }] : []));
  const answered = await listingAnswers(
    deps.db,
    listingId,
    asked.map((a) => a.match),
  );
  const found = new Set([...answered].map((k) => asked[k]!.i));
  return fts.map((f, i) => f === null || found.has(i));
}

/**
 * How far, in whole km, a search by place looked when it stopped before the page was full (its
 * next page looks farther), as the page's `searchedKm`; nothing when it did not stop early, or
 * stopped as best match finished a band (the next page starts the next band, from the point).
 */
export function searchedKmOf(rows: SearchRows<unknown>, limit: number): { searchedKm?: number } {
  // Best match that stopped between two bands (at −1 m of the next) looked at no distance yet.
  return rows.length <= limit && rows.stoppedAt && rows.stoppedAt.metres >= 0
    ? { searchedKm: Math.floor(rows.stoppedAt.metres / 1000) }
    : {};
}

/**
 * The cursor of the next page, from the rows fetched (one more than the page when there is more);
 * when a search by place stopped before the page was full (`stoppedAt`), from where it stopped:
 * past every hub it read (an id of 0 leaves no row at that distance), so the next page goes on.
 */
export function nextCursorOf(
  rows: SearchRows<{ id: number; metres: number | null; rank: number }>,
  limit: number,
  sort: Cursor['s'],
): string | null {
  const stopped = rows.length <= limit ? rows.stoppedAt : undefined;
  if (stopped && sort === 'nearest') return encodeCursor({ s: 'nearest', d: stopped.metres, id: 0 });
  if (stopped && sort === 'relevance')
    return encodeCursor({ s: 'relevance', r: stopped.band, d: stopped.metres, id: 0 });
  if (rows.length <= limit) return null;
  const last = rows[limit - 1];
  if (!last) return null;
  if (sort === 'nearest') return encodeCursor({ s: 'nearest', d: last.metres ?? 0, id: last.id });
  if (sort === 'relevance')
    return encodeCursor({
      s: 'relevance',
      r: last.rank,
      ...(last.metres === null ? {} : { d: last.metres }),
      id: last.id,
    });
  return encodeCursor({ s: 'newest', id: last.id });
}

/** The UTC hour in which the nightly fold begins (a quiet hour for Europe's hubs). */
export const FOLD_HOUR_UTC = 2;
/** A fold begins at most once in this long (the scheduled runs of the fold hour go on with one). */
const FOLD_EVERY_MS = 20 * 3600_000;
/**
 * Pages one merge step of a fold writes at most: at a million listings a step of 20,000 pages
 * (about 80 MB) took 0.6 to 0.9 s locally, and the bench's `listings_hub_fts` (136,217 pages)
 * folded in 6 steps.
 */
export const FOLD_PAGES = 20_000;
/** Merge steps of folds one scheduled run sends at most, over every index: the rest waits for the next run. */
export const FOLD_STEPS = 8;
/**
 * Pages a run's tidying of an index not being folded writes at most: it merges the day's small
 * segments two by two (`usermerge` 2, migration 0053), rarely the night's large one.
 */
export const TIDY_PAGES = 2_000;

/**
 * An index in one scheduled run: its segments when the run began and when it ended; `fold` when
 * it was due (`done` when it is now in one segment, `going-on` when the run's steps ran out),
 * the merge steps the fold sent, and whether the tidying step merged anything.
 */
export type FoldReport = {
  index: FullTextIndex;
  before: number;
  segments: number;
  fold: 'done' | 'going-on' | null;
  steps: number;
  tidied: boolean;
};

/**
 * Keeps the full-text indexes in few segments (`search_index_folds`, migration 0053). FTS5 adds a
 * segment with every write and merges them lazily: a day of single writes left 7 to 20, and each
 * costs a seek per word for every hub a search by words and a place reads.
 *
 * - **Fold**, nightly: an index is due when it was never folded, when a fold of it is under way,
 *   or in the fold hour when its last fold ended at least 20 hours ago. A due index with more than
 *   one segment gets merge steps (each at most `pages` pages) until it holds one or the run's
 *   `steps` are spent; a fold not ended goes on at the next run, whatever the hour.
 * - **Tidy**, every run, for an index not being folded: one merge step of at most `tidyPages`
 *   pages over the levels holding two segments or more, so the day's writes stay in a few
 *   segments (2 to 6 in the test of a thousand single writes, one run per 16 writes).
 */
export async function foldSearchIndexes(
  deps: Pick<Deps, 'db' | 'now'>,
  budget: { pages: number; steps: number; tidyPages: number } = {
    pages: FOLD_PAGES,
    steps: FOLD_STEPS,
    tidyPages: TIDY_PAGES,
  },
): Promise<FoldReport[]> {
  const now = deps.now();
  const at = now.toISOString();
  const foldHour = now.getUTCHours() === FOLD_HOUR_UTC;
  let left = budget.steps;
  const report: FoldReport[] = [];
  for (const row of await foldRows(deps.db)) {
    const due =
      row.folding_since !== null ||
      row.folded_at === null ||
      (foldHour && now.getTime() - Date.parse(row.folded_at) >= FOLD_EVERY_MS);
    const before = await segmentsOf(deps.db, row.name);
    if (!due) {
      const tidied = before > 1 && (await tidyStep(deps.db, row.name, budget.tidyPages));
      const segments = tidied ? await segmentsOf(deps.db, row.name) : before;
      report.push({ index: row.name, before, segments, fold: null, steps: 0, tidied });
      continue;
    }
    let segments = before;
    let steps = 0;
    while (segments > 1 && left > 0) {
      await mergeStep(deps.db, row.name, budget.pages);
      left--;
      steps++;
      segments = await segmentsOf(deps.db, row.name);
    }
    const done = segments <= 1;
    await saveFold(deps.db, row.name, {
      now: at,
      done,
      segmentsBefore: row.folding_since === null ? before : null,
      steps,
    });
    report.push({
      index: row.name,
      before,
      segments,
      fold: done ? 'done' : 'going-on',
      steps,
      tidied: false,
    });
  }
  return report;
}
