/**
 * The search module's SQL (it owns no table, so this is its repo in the form the house rules allow
 * other modules to use: a statement builder). The search listings and requests share: filters,
 * optional full-text match, optional distance from a point, a stable sort and a keyset cursor,
 * built as one query, or with a place (nearest first, best match) as one statement per ring of
 * hubs read, and run by `runSearch`. Every value a person gave is bound; besides fixed SQL
 * fragments of the caller, only integers (hub ids, distances, limits) are written into the SQL.
 */
import { categoryFamily, categoryWithDescendants } from '../../shared/taxonomy';
import { distanceMetres, needsHubEnd, withHubEnd, type Cursor } from './search.domain';
import {
  categoryPlace,
  categoryRange,
  filterCategories,
  filterKeysQuery,
  hasFilterKeys,
  namesMayMatch,
  withFilterKeys,
} from './search.keys';

/**
 * A WHERE fragment on `t` with `?` placeholders and their values in order. `arms`, when given,
 * are the same condition as an OR of narrower ones, each an index range of its own (a category
 * with the ones below it): newest first without words reads each arm a page at a time.
 */
export type Condition = { sql: string; values: unknown[]; arms?: Condition[]; hubScan?: HubScan };

/**
 * A condition's rows are found hub by hub through an index (column, status, hub_id, id): rows
 * with `column` one of `values` (migration 0051; for `hub_id`, the index of the hub's rows). With
 * a place, the hubs holding any are listed first (`hubsHolding`), so a rare category, kind,
 * condition or price, or one hub's rows, is not looked for in every hub in reach.
 */
export type HubScan = {
  column: 'category' | 'family' | 'kind' | 'condition' | 'price_type' | 'sized' | 'hub_id';
  values: (string | number)[];
};

export type SearchSqlOptions = {
  /** `listings` or `requests` (with `<table>_fts` beside it). */
  table: 'listings' | 'requests';
  /** Extra columns selected beside the stored ones, e.g. joins for display (applied to the page only). */
  select: string;
  /** Joins on `t` for display, applied to the page after sort and limit. */
  joins: string;
  /**
   * The display without the hub (`HUB_SHOWN_SELECT` and its join left out): used for a page whose
   * hubs were all listed with their places (`HubPlace`) before it, the Worker adding them.
   */
  hubless?: { select: string; joins: string };
  /** Hubs listed with their places before the page (newest first within a radius). */
  places?: Map<number, HubPlace> | null;
  /** WHERE fragments on `t` only, using `?` placeholders, with their values in order. */
  where: Condition[];
  fts: string | null;
  /** Distance in metres per hub id, already limited to the radius (newest first with a radius). */
  hubDistances: Map<number, number> | null;
  /** The hubs in reach a ring at a time, nearest first (nearest first and best match with a place). */
  rings?: (() => Promise<HubRing>) | null;
  /**
   * The rings of `rings` over only these hubs, whose places are known (`hubRingOf`, no statement):
   * used instead of `rings` when a condition's `hubScan`, or the words, are held by at most
   * HUB_SCAN_CAP hubs.
   */
  ringsOf?: ((places: HubPlace[]) => () => Promise<HubRing>) | null;
  /** The rings of `rings` from this distance outward: where a next page starts (its cursor's). */
  ringsFrom?: ((fromMetres: number) => () => Promise<HubRing>) | null;
  /** The point a page's distances are measured from when no hub was read for them. */
  metresFrom?: { lat: number; lon: number } | null;
  sort: Cursor['s'];
  cursor: Cursor | null;
  limit: number;
};

/**
 * The stored columns of each table, which a search's sub-selects read (never `t.*`): `*` takes
 * the generated columns too (the category names, the family, the filter's tokens), whose
 * expressions SQLite writes into the statement once per sub-select and per level of nesting —
 * a tie of 45 hubs with words was SQLITE_NOMEM in D1, and passes with these. The page's rows
 * are these columns with the caller's `select`. A test checks them against the tables.
 */
export const STORED_COLUMNS = {
  listings: [
    'id',
    'hub_id',
    'author_id',
    'kind',
    'title',
    'description',
    'category',
    'quantity_milli',
    'unit',
    'length_mm',
    'width_mm',
    'thickness_mm',
    'condition',
    'price_type',
    'price_cents',
    'available_from',
    'available_until',
    'status',
    'created_at',
    'updated_at',
    'quantity_reserved_milli',
    'hidden_at',
    'hidden_by',
    'hidden_reason',
    'import_id',
    'stream_id',
    'stream_seq',
    'machine_id',
    'lang',
    'create_key',
    'photos_token',
    'photos',
  ],
  requests: [
    'id',
    'hub_id',
    'author_id',
    'title',
    'description',
    'category',
    'quantity_milli',
    'unit',
    'min_length_mm',
    'min_width_mm',
    'min_thickness_mm',
    'needed_by',
    'fetch_radius_km',
    'status',
    'created_at',
    'updated_at',
    'hidden_at',
    'hidden_by',
    'hidden_reason',
    'lang',
  ],
} as const satisfies Record<SearchSqlOptions['table'], readonly string[]>;

/** A table's stored columns on an alias, for a sub-select's column list. */
function columns(table: SearchSqlOptions['table'], alias = 't'): string {
  return STORED_COLUMNS[table].map((c) => `${alias}.${c}`).join(', ');
}

/** The caller's WHERE fragments with their `?` placeholders numbered through `bind`. */
function whereSql(where: SearchSqlOptions['where'], bind: (v: unknown) => string): string[] {
  return where.map((w) => {
    let i = 0;
    return w.sql.replace(/\?/g, () => bind(w.values[i++]));
  });
}

/**
 * Statements a search by place, nearest first, may send (the hubs holding a rare filter, rings of
 * hubs, pages over them, a look-up of the words): when the next step would need more, the page
 * ends with what was found and says how far it looked (`stoppedAt`), and its cursor goes on from
 * there. (A filter no index serves, such as a condition held by few listings, otherwise read every
 * listing of every hub: 1,004,352 rows in 74 statements at a million listings.)
 */
export const SEARCH_STATEMENTS = 5;

/** How far a search by place looked before it stopped: each band before `band` whole, and in `band` every hub up to `metres`. */
export type StoppedAt = { band: number; metres: number };

/** A search's rows, and where it stopped when it stopped before the page was full. */
export type SearchRows<R> = R[] & { stoppedAt?: StoppedAt };

/**
 * Hubs at their distance from a point, nearest first (then by id), a ring at a time (hubs.service
 * `hubRings`, `hubRingOf`); `last` when none are left; `reach`: every hub nearer than this
 * (metres) has now been given, by this ring or one before; `read: false` when the ring cost no
 * statement (its places were known).
 */
export type HubRing = {
  hubs: { id: number; metres: number; place?: HubPlace }[];
  last: boolean;
  reach: number;
  read?: false;
};

/**
 * A hub, its place, and what a listing or request shows of it, as the statements that list hubs
 * (hubs.repo `hubPointsInCells`, the walks of `hubsHolding` and `hubsHoldingWords`) read it: a
 * page over hubs read so is joined to no hub (`SearchSqlOptions.hubless`).
 */
export type HubPlace = {
  id: number;
  lat: number;
  lon: number;
  slug: string;
  name: string;
  city: string;
  country: string;
  kind: string;
};

/** The columns of `HubPlace`, from `hubs h`. */
export const HUB_PLACE_COLUMNS = 'h.id, h.lat, h.lon, h.slug, h.name, h.city, h.country, h.kind';

/** What a row shows of its hub (`h`), as the display of listings and requests selects it. */
export const HUB_SHOWN_SELECT = `h.slug AS hub_slug, h.name AS hub_name, h.city AS hub_city, h.country AS hub_country,
  h.kind AS hub_kind, h.lat AS hub_lat, h.lon AS hub_lon`;

/** A search's display without the hub, when it has one (`hubless`). */
function withoutHubs<O extends SearchSqlOptions>(o: O): O {
  return o.hubless ? { ...o, select: o.hubless.select, joins: o.hubless.joins } : o;
}

/**
 * A row (of a page read without the hub) with what it shows of its hub, from the hubs as listed
 * (`HUB_SHOWN_SELECT`'s columns).
 */
function showingHub<R>(row: R, places: Map<number, HubPlace>): R {
  const h = places.get((row as { hub_id: number }).hub_id)!;
  return {
    ...row,
    hub_slug: h.slug,
    hub_name: h.name,
    hub_city: h.city,
    hub_country: h.country,
    hub_kind: h.kind,
    hub_lat: h.lat,
    hub_lon: h.lon,
  };
}

/**
 * Sub-selects per statement when reading hub by hub: D1 answers SQLITE_NOMEM for a statement of
 * 60 per-hub sub-selects; 40 pass. Without words each hub is one; with words a run of hubs at
 * distinct distances is one (a join over the run), and each hub of a tie is one.
 */
export const HUBS_PER_STATEMENT = 30;

/**
 * The hub-ordered full-text indexes (migration 0048): a hub's rowids are hub_id × 2^33 onwards,
 * its titles alone first, then its whole rows (title, category names, description), each range
 * 2^32 rowids, newest first (rowid … + 2^32 − 1 − id), ending with the hub's end marker.
 */
const HUB_STRIDE = 8589934592;
const ID_SPAN = 4294967296;
/**
 * The last rowid of a range a page reads, from its start: a range ends with the end marker at
 * + 2^32 − 1 (id 0), which a query with the marker reaches, so FTS5 stops there; past this bound,
 * it is never joined to a row. (Joined, it was a look-up of listing 0 in every hub a query of two
 * words passed, which D1 counts as a row read: 190 rows for 63 within 25 km, now 162.)
 */
const RANGE_LAST = ID_SPAN - 2;

/**
 * Hubs of a statement's runs (`byHubsSql`, every band's counted) written into its SQL as VALUES;
 * above this, each run is a JSON parameter. About 20 characters a hub: 400 is 8 KB of D1's
 * 100 KB a statement, where the whole network's ring in three bands would pass it.
 */
export const RUN_VALUES = 400;

/** A band read from a hub-ordered index: its FTS5 query and whether it reads the titles alone. */
export type HubBand = { match: string; titles: boolean };

type HubAt = { id: number; metres: number };
type Unit = { band: number; hubs: HubAt[] };

/**
 * Whether a group of hubs at one distance is read hub by hub (a sub-select each, merged newest
 * first) rather than as part of a run: always without words; with words, a tie, or the hub the
 * cursor stopped in (its rows older than the cursor's only).
 */
function apart(
  words: boolean,
  band: number,
  group: HubAt[],
  cursor: { band: number; metres: number } | null,
): boolean {
  return (
    !words ||
    group.length > 1 ||
    (cursor !== null && band === cursor.band && group[0]!.metres === cursor.metres)
  );
}

/** Hubs (nearest first) in groups at the same distance. */
function byDistance(hubs: HubAt[]): HubAt[][] {
  const groups: HubAt[][] = [];
  for (const h of hubs) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.metres === h.metres) last.push(h);
    else groups.push([h]);
  }
  return groups;
}

/**
 * The relevance bands of `relevanceBands` as read from a hub-ordered index: the first from the
 * hub's titles alone (no column filter to read through), the others from its whole rows; each
 * word with the hub's end marker as one more alternative on the side that is read
 * (`withHubEnd`; in the first band only when an AND or a phrase needs it), never on the side a
 * NOT leaves out.
 */
export function hubBands(fts: string, where: Condition[] = []): [HubBand, HubBand, HubBand] {
  const read = withHubEnd(fts);
  const keyed = (q: string) => withFilterKeys(q, where, true);
  return [
    { match: hubMatch(fts, where), titles: true },
    { match: `(${keyed(`{title search_terms} : (${read})`)}) NOT ({title} : (${fts}))`, titles: false },
    { match: `(${keyed(read)}) NOT ({title search_terms} : (${fts}))`, titles: false },
  ];
}

/**
 * The words of a hub's range read without a NOT (the best band, nearest first, newest first),
 * narrowed by the filters' tokens (`withFilterKeys`): with the hub's end marker whenever the
 * query is an AND (`needsHubEnd`, or a filter's tokens).
 */
function hubMatch(fts: string, where: Condition[]): string {
  if (hasFilterKeys(where)) return withFilterKeys(withHubEnd(fts), where, true);
  return needsHubEnd(fts) ? withHubEnd(fts) : fts;
}

/**
 * Hub by hub, nearest first: nearest-first without words, and best match with a place. Every row
 * of a hub is at the hub's distance, so a page is, band by band (one band without words), the
 * newest matching rows of the nearest hubs. Without words, one statement holds a sub-select per
 * hub reading at most a page through the hub's index (`listings_hub_status_id`). With words, a run
 * of hubs is one join: the hubs (a JSON list, nearest first) and, for each, its range of the
 * hub-ordered full-text index (migration 0048), newest first, so the words cost one seek per hub
 * and then only that hub's entries. Hubs at the same distance are merged newest first. The
 * statement's LIMIT stops SQLite at the first full page, so the hubs after it are not read.
 * Rings of hubs are read only while the page is not full: a place with many hubs in reach costs
 * one statement for the hubs and one for the page.
 */
async function searchByHubs<T extends { id: number }>(
  db: D1Database,
  o: SearchSqlOptions & { rings: () => Promise<HubRing> },
  spent: number,
  /** Whether the words (with the filters' tokens) were looked up in the whole index already. */
  asked = false,
  /** Hubs whose titles hold none of the words (`hubsHoldingWords`): best match's titles pass them over. */
  untitled: ReadonlySet<number> = new Set(),
): Promise<SearchRows<T & { metres: number | null; rank: number }>> {
  type Row = T & { metres: number | null; rank: number };
  const need = o.limit + 1;
  const words = o.fts !== null;
  // Best match reads band by band; nearest first with words reads the words' matches as one band.
  const bands: (HubBand | null)[] = !o.fts
    ? [null]
    : o.sort === 'relevance'
      ? hubBands(o.fts, o.where)
      : [{ match: hubMatch(o.fts, o.where), titles: false }];
  // Best match's second band, when no row the filters admit can be in it (`namesMayMatch`), is
  // passed over as read whole.
  const empty = (band: number) => band === 1 && o.sort === 'relevance' && !namesMayMatch(o.fts!, o.where);
  const c = o.cursor && (o.cursor.s === 'nearest' || o.cursor.s === 'relevance') ? o.cursor : null;
  const cursorBand = c?.s === 'relevance' ? c.r : 0;
  const cursorMetres = c?.d ?? null;
  const cursorAt = c ? { band: cursorBand, metres: cursorMetres ?? 0 } : null;

  // Sub-selects a hub costs without words: one per arm of a condition read by arms.
  const perHub = (!words && hubArms(o.where)?.arms.length) || 1;
  // The hubs listed with their places (the rings'): a statement over these alone joins no hub.
  const places = new Map(o.places ?? []);
  // The rings read, from the point outward; in the cursor's band, from the cursor's distance
  // outward when the caller can start there (`ringsFrom`), so a next page does not read again the
  // rings an earlier page read whole. The bands after it read from the point.
  type Source = { rings: HubRing[]; next: () => Promise<HubRing> };
  const fromPoint: Source = { rings: [], next: o.rings };
  const fromCursor: Source | null =
    cursorMetres !== null && o.ringsFrom ? { rings: [], next: o.ringsFrom(cursorMetres) } : null;
  const sourceOf = (band: number) => (band === cursorBand && fromCursor ? fromCursor : fromPoint);
  const ringAt = async (src: Source, i: number): Promise<HubRing | null> => {
    while (src.rings.length <= i) {
      const prev = src.rings[src.rings.length - 1];
      if (prev?.last) return null;
      const ring = await src.next();
      if (ring.read !== false) spent++;
      for (const h of ring.hubs) if (h.place) places.set(h.id, h.place);
      src.rings.push(ring);
    }
    return src.rings[i] ?? null;
  };

  const found: Row[] = [];
  let units: Unit[] = [];
  let weight = 0; // sub-selects waiting
  // How far the statements sent have read: every band before `band` whole, and in `band` every hub
  // up to `metres` (the cursor's place when nothing has been sent yet).
  let frontier: StoppedAt = { band: cursorBand, metres: cursorMetres ?? 0 };
  const flush = async () => {
    if (units.length === 0) return;
    const last = units[units.length - 1]!;
    const listed = o.hubless !== undefined && units.every((u) => u.hubs.every((h) => places.has(h.id)));
    const { sql, values } = byHubsSql(
      listed ? withoutHubs(o) : o,
      bands,
      units,
      need - found.length,
      c ? { band: cursorBand, metres: cursorMetres ?? 0, id: c.id } : null,
    );
    units = [];
    weight = 0;
    spent++;
    const { results } = await db
      .prepare(sql)
      .bind(...values)
      .all<Row>();
    found.push(...inPageOrder(listed ? results.map((r) => showingHub(r, places)) : results));
    frontier = { band: last.band, metres: last.hubs[last.hubs.length - 1]!.metres };
  };
  // Read outward, band after band (best match: a band's first row may only be shown once the
  // bands above it are known to hold nothing anywhere): when the next step would pass the
  // budget, the page stops where it got to (its band and distance), and its cursor goes on.
  const budget = SEARCH_STATEMENTS;
  /** The rows found and, when the page is not full, how far they were looked for. */
  const stop = (): SearchRows<Row> => {
    const rows = found.slice(0, need);
    // Rings read that gave no hub to send still moved the search on: no hub lies between where
    // it started and their reach (so a next page never starts where this one did).
    const src = sourceOf(frontier.band);
    const reach = src.rings.length > 0 ? src.rings[src.rings.length - 1]!.reach : 0;
    let at =
      units.length === 0 && Number.isFinite(reach) && reach - 1 > frontier.metres
        ? { ...frontier, metres: reach - 1 }
        : frontier;
    // A band read over every hub in reach, none of it waiting: the next page starts the band after
    // it from the point (a distance of −1, so a hub at the point is read too), or there is none.
    if (complete >= at.band && !units.some((u) => u.band <= complete)) {
      if (complete === bands.length - 1) return rows;
      at = { band: complete + 1, metres: -1 };
    }
    if (rows.length < need) Object.defineProperty(rows, 'stoppedAt', { value: at });
    return rows;
  };
  let complete = -1; // the last band read over every hub in reach (sent, or waiting in `units`)
  for (let band = 0; band < bands.length; band++) {
    if (band < cursorBand) continue; // earlier pages showed this band whole
    if (empty(band)) {
      complete = band;
      continue;
    }
    const src = sourceOf(band);
    for (let i = 0; found.length < need; i++) {
      // A ring not read yet costs a statement: send what is waiting first, it may fill the page.
      if (src.rings.length <= i && !src.rings[src.rings.length - 1]?.last) {
        if (units.length > 0 && spent + 1 > budget) return stop();
        await flush();
        if (found.length >= need) break;
        // The first ring left the page short: before reading farther rings hub by hub, ask the
        // full-text index once which hubs hold the words. A typo is nowhere (and would read every
        // hub of every ring); words a few hubs hold are read from those hubs alone, so a small
        // network's page reaches every band (in the first network of 8 hubs, "multiplex" near
        // Leuven stopped at the best band 553 km out, its description match 25 km away unread).
        if (words && i > 0 && !asked) {
          asked = true;
          spent++;
          const holders = await wordHolders(db, o);
          if (holders?.length === 0) return [];
          untitled = untitledOf(holders);
          // Held by few hubs: the rest of every ring is those hubs alone (their places came with them),
          // beyond the reach of the rings read, which handed every hub nearer.
          if (holders && o.ringsOf) {
            const ring = o.ringsOf(holders)();
            for (const other of [fromPoint, fromCursor])
              if (other && !other.rings[other.rings.length - 1]?.last) {
                const reach = other.rings[other.rings.length - 1]?.reach ?? 0;
                other.next = async () => {
                  const r = await ring;
                  return { ...r, hubs: r.hubs.filter((h) => h.metres >= reach) };
                };
              }
          }
        }
        // The ring's hubs and at least one statement over them must fit.
        if (spent + 2 > budget) return stop();
      }
      const ring = await ringAt(src, i);
      if (!ring) {
        complete = band;
        break;
      }
      // Earlier pages showed the hubs nearer than the cursor's whole (in the cursor's band).
      // A hub whose titles hold none of the words has nothing in the band read from titles alone.
      const titles = bands[band]?.titles === true;
      const hubs = ring.hubs.filter(
        (h) =>
          !(band === cursorBand && cursorMetres !== null && h.metres < cursorMetres) &&
          !(titles && untitled.has(h.id)),
      );
      // Hubs at the same distance stay in one statement (they are merged newest first).
      let unit: Unit | null = null;
      let inRun = false;
      for (const group of byDistance(hubs)) {
        const alone = apart(words, band, group, cursorAt);
        // Sub-selects the group adds: its hubs (each of its arms), or a new run, or none.
        const cost = () => (alone ? group.length * perHub : inRun ? 0 : 1);
        if (weight > 0 && weight + cost() > HUBS_PER_STATEMENT) {
          if (spent + 1 > budget) return stop();
          await flush();
          unit = null;
          inRun = false;
          if (found.length >= need) break;
        }
        if (!unit) units.push((unit = { band, hubs: [] }));
        unit.hubs.push(...group);
        weight += cost();
        inRun = !alone;
      }
    }
    if (found.length >= need) break;
  }
  if (found.length < need && units.length > 0) {
    if (spent + 1 > budget) return stop();
    await flush();
  }
  return found.slice(0, need);
}

/**
 * A page's rows in page order: by relevance band, then distance (when known), then newest. The
 * statements that read a page a band and a hub at a time leave the order to this, in the Worker:
 * an ORDER BY over the page's display joins kept the rows in a temporary table read twice.
 */
export function inPageOrder<R extends { id: number; rank: number; metres: number | null }>(rows: R[]): R[] {
  return rows.sort((a, b) => a.rank - b.rank || (a.metres ?? 0) - (b.metres ?? 0) || b.id - a.id);
}

/**
 * A hub holding the words (`hubsHoldingWords`) and whether its titles may: whether the first of
 * its rows the walk met is in its titles' range (rows of any status, so a superset).
 */
type WordHolder = HubPlace & { titled: boolean };

/** The hubs of a walk whose titles hold none of the words (an empty set when there was no walk's list). */
function untitledOf(holders: WordHolder[] | null): Set<number> {
  return new Set((holders ?? []).filter((h) => !h.titled).map((h) => h.id));
}

/**
 * The hubs holding rows (of any status) with the words, with their places (joined by id in the
 * same statement), or null when more than HUB_SCAN_CAP do; none when the words are nowhere (a
 * typo). One statement: a walk of the hub-ordered full-text
 * index (migration 0048) from each hub holding the words to the next — the first match at or
 * after the next hub's first rowid, a seek per word and segment — so the hubs without the words
 * are jumped over, never read. A hub's titles' range comes before its whole rows: a hub whose
 * first match is past it has none of the words in its titles (`titled: false`), and best match's
 * first band is not read there.
 */
async function hubsHoldingWords(
  db: D1Database,
  table: SearchSqlOptions['table'],
  fts: string,
): Promise<WordHolder[] | null> {
  return walkHubs(db, `${table}_hub_fts`, fts, { start: '0', end: null, hub: (r) => `${r} / ${HUB_STRIDE}` });
}

/**
 * The walk of `hubsHoldingWords` over an index whose rowids run hub by hub (2^33 a hub, its titles
 * first): from `start` (up to `end`, exclusive, when given), each step the first match at or after
 * the next hub's first rowid; `hub` is the hub id of a rowid, as SQL.
 */
async function walkHubs(
  db: D1Database,
  idx: string,
  match: string,
  region: { start: string; end: string | null; hub: (rowid: string) => string },
): Promise<WordHolder[] | null> {
  const within = (from: string) => (region.end ? `BETWEEN ${from} AND ${region.end}` : `>= ${from}`);
  const next = (from: string) =>
    `(SELECT rowid FROM ${idx} WHERE ${idx} MATCH ?1 AND rowid ${within(from)} ORDER BY rowid LIMIT 1)`;
  const more = region.end ? `w.r < ${region.end}` : 'w.r IS NOT NULL';
  const { results } = await db
    .prepare(
      `WITH RECURSIVE walk(r, n) AS (
         SELECT ${next(region.start)}, 1
         UNION ALL
         SELECT ${next(`(w.r / ${HUB_STRIDE} + 1) * ${HUB_STRIDE}`)}, w.n + 1 FROM walk w WHERE ${more} AND w.n <= ?2)
       SELECT ${HUB_PLACE_COLUMNS}, w.r % ${HUB_STRIDE} < ${ID_SPAN} AS titled FROM walk w
         JOIN hubs h ON h.id = ${region.hub('w.r')} WHERE ${more}`,
    )
    .bind(match, HUB_SCAN_CAP)
    .all<HubPlace & { titled: number }>();
  return results.length > HUB_SCAN_CAP ? null : results.map((h) => ({ ...h, titled: h.titled === 1 }));
}

/**
 * The region of the category-ordered index ordered by hub (migration 0060): a rowid is
 * 2^62 + range place × 2^53 + hub_id × 2^33 + (as a hub's range of the hub-ordered index) its
 * titles, then its whole rows, newest first; each range ends with the end marker at its last rowid.
 * Written into the SQL as text: they pass JavaScript's exact integers.
 */
const CAT_HUB_REGION = '4611686018427387904';
const CAT_HUB_RANGE = '9007199254740992';
const CAT_HUB_LAST = '9007199254740991';
const CAT_HUB_HUBS = 1048576; // 2^20 hubs a range

/**
 * `hubsHoldingWords` for words with a category filter read from one range (`categoryRangeOf`):
 * the walk goes through the range's hubs in the region of the category-ordered index ordered by
 * hub (migration 0060), where every row holds the category, so a step is a seek to the next hub
 * holding the words there. On the hub-ordered index the same walk proved the words AND the
 * category's token hub by hub, leapfrogging over every hub holding either (about 960 hubs for
 * the 41 holding both: `q=birch&near=…&category=solid-wood`, 9 ms of SQLite at a million listings;
 * here 0.4 ms). An AND (several words, a filter's tokens) takes the range's end marker on each
 * side, so a step past the range's last match stops at its end.
 */
async function hubsHoldingWordsInRange(
  db: D1Database,
  range: { place: number; others: Condition[] },
  fts: string,
): Promise<WordHolder[] | null> {
  const start = `(${CAT_HUB_REGION} + ${range.place} * ${CAT_HUB_RANGE})`;
  const and = needsHubEnd(fts) || hasFilterKeys(range.others);
  return walkHubs(db, 'listings_cat_fts', and ? withFilterKeys(withHubEnd(fts), range.others, true) : fts, {
    start,
    end: `${start} + ${CAT_HUB_LAST}`,
    hub: (r) => `${r} / ${HUB_STRIDE} % ${CAT_HUB_HUBS}`,
  });
}

/**
 * The hubs holding rows with the words and the filters' tokens (`hubsHoldingWords`): from the
 * category-ordered index's hub-ordered region when a category filter is one range of it, else
 * from the hub-ordered index.
 */
function wordHolders(db: D1Database, o: SearchSqlOptions): Promise<WordHolder[] | null> {
  const range = categoryRangeOf(o);
  return range
    ? hubsHoldingWordsInRange(db, range, o.fts!)
    : hubsHoldingWords(db, o.table, withFilterKeys(o.fts!, o.where));
}

/**
 * One statement of `searchByHubs`: its units (a band and its hubs, nearest first) in one UNION ALL
 * under the page's LIMIT, then the page's display joins (so a row is read once). Without words,
 * one sub-select per hub reading whole rows. With words, each run of hubs at distinct distances
 * is one join of a JSON list of [hub, metres] with the hub-ordered full-text index, each hub's
 * rows by the index's rowid range (newest first); a hub of a tie, or the hub the cursor stopped
 * in, is a sub-select of its own. Hub ids and distances are integers written into the SQL or a
 * JSON list (D1 binds at most 100 values); the caller's filters and the words are bound once.
 */
export function byHubsSql(
  o: SearchSqlOptions,
  bands: (HubBand | null)[],
  units: Unit[],
  need: number,
  cursor: { band: number; metres: number; id: number } | null,
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };
  const where = whereSql(o.where, bind);
  let cursorId: string | null = null; // bound once, when a sub-select needs it
  const bandParam = new Map<number, string>();
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error('not an integer');
    return String(n);
  };
  const hidx = `${o.table}_hub_fts`;
  const listingId = `(${hidx}.rowid | ${ID_SPAN - 1}) - ${hidx}.rowid`;
  const matchOf = (band: number) => {
    if (!bandParam.has(band)) bandParam.set(band, bind(bands[band]!.match));
    return `${hidx} MATCH ${bandParam.get(band)}`;
  };
  /** Where a band's range starts in a hub's rowids: its titles, or its whole rows. */
  const offset = (band: number) => (bands[band]!.titles ? 0 : ID_SPAN);
  const atCursor = (band: number, hub: HubAt) =>
    cursor !== null && band === cursor.band && hub.metres === cursor.metres;
  // A condition read by arms (a category and the ones below it): each hub reads each arm through
  // its own index range (category, status, hub_id, id), merged newest first.
  const armed = bands.includes(null) ? hubArms(o.where) : null;
  const armWheres = armed?.arms.map((a) =>
    whereSql(
      o.where.map((w, i) => (i === armed.at ? a : w)),
      bind,
    ),
  );
  /**
   * Without words, one hub's rows as plain SELECTs (one per arm), each read newest first through
   * its index by the merge that holds them (`newestOf`); older than the cursor's in its hub.
   */
  const members = (band: number, hub: HubAt): string[] => {
    const extra = [`t.hub_id = ${int(hub.id)}`];
    if (atCursor(band, hub)) extra.push(`t.id < ${(cursorId ??= bind(cursor!.id))}`);
    return (armWheres ?? [where]).map(
      (w) => `SELECT ${band} AS rank, ${int(hub.metres)} AS metres, t.id FROM ${o.table} t
        WHERE ${[...extra, ...w].join(' AND ')}`,
    );
  };
  /** With words, one hub: at most a page of its newest rows (older than the cursor's in the cursor's hub). */
  const arm = (band: number, hub: HubAt) => {
    const conditions = [...where];
    // id < c is rowid ≥ start + 2^32 − c: the range starts at the cursor.
    const from = atCursor(band, hub) ? ID_SPAN - cursor!.id : 0;
    if (from < 0) throw new Error('an id beyond the hub-ordered index');
    const start = `${int(hub.id)} * ${HUB_STRIDE} + ${offset(band)}`;
    conditions.unshift(
      matchOf(band),
      `${hidx}.rowid BETWEEN ${start} + ${int(from)} AND ${start} + ${RANGE_LAST}`,
    );
    return `SELECT * FROM (SELECT ${band} AS rank, ${int(hub.metres)} AS metres, ${columns(o.table)}
        FROM ${hidx} CROSS JOIN ${o.table} t ON t.id = ${listingId}
        WHERE ${conditions.join(' AND ')} LIMIT ${int(need)})`;
  };
  /**
   * A run of hubs at distinct distances, nearest first, each newest first: one join. Its list of
   * [hub, metres] is written into the SQL (a VALUES co-routine, whose rows D1 does not count as
   * read) while the statement's runs hold at most RUN_VALUES hubs; else (the whole network's
   * ring) each list is one JSON parameter, so the statement stays far below D1's 100 KB of SQL.
   */
  const pairs = units.reduce((n, u) => n + u.hubs.length, 0) <= RUN_VALUES;
  const run = (band: number, hubs: HubAt[]) => {
    const list = pairs
      ? `(VALUES ${hubs.map((h) => `(${int(h.id)}, ${int(h.metres)})`).join(', ')})`
      : `json_each(${bind(JSON.stringify(hubs.map((h) => [h.id, h.metres])))})`;
    const [hub, metres] = pairs
      ? ['j.column1', 'j.column2']
      : [`json_extract(j.value, '$[0]')`, `json_extract(j.value, '$[1]')`];
    const start = `${hub} * ${HUB_STRIDE} + ${offset(band)}`;
    return `SELECT ${band} AS rank, ${metres} AS metres, ${columns(o.table)}
        FROM ${list} j CROSS JOIN ${hidx} CROSS JOIN ${o.table} t ON t.id = ${listingId}
        WHERE ${[matchOf(band), `${hidx}.rowid BETWEEN ${start} AND ${start} + ${RANGE_LAST}`, ...where].join(' AND ')}`;
  };
  const parts: string[] = [];
  for (const u of units) {
    const words = bands[u.band] != null;
    let pending: HubAt[] = [];
    const endRun = () => {
      if (pending.length > 0) parts.push(run(u.band, pending));
      pending = [];
    };
    for (const group of byDistance(u.hubs)) {
      if (!apart(words, u.band, group, cursor)) {
        pending.push(...group);
        continue;
      }
      endRun();
      if (!words) {
        parts.push(
          newestOf(
            group.flatMap((h) => members(u.band, h)),
            need,
          ),
        );
        continue;
      }
      const arms = group.map((h) => arm(u.band, h));
      parts.push(
        arms.length === 1
          ? arms[0]!
          : `SELECT * FROM (SELECT * FROM (${unionAll(arms)}) ORDER BY id DESC LIMIT ${int(need)})`,
      );
    }
    endRun();
  }
  // No ORDER BY here: the found rows are few, and the caller puts them in page order
  // (`inPageOrder`); sorted in SQL they were kept in a temporary table and read twice.
  // Without words, the sub-selects name each row by its id alone and the page's rows are read once
  // at the end (a row more read a row shown): a statement is prepared with one list of columns,
  // not one per hub, and a search near a new point prepares a new statement.
  const sql = bands.includes(null)
    ? `WITH found AS NOT MATERIALIZED (${unionAll(parts)} LIMIT ${int(need)})
    SELECT f.rank, f.metres, ${columns(o.table)}, ${o.select} FROM found f CROSS JOIN ${o.table} t ON t.id = f.id ${o.joins}`
    : `WITH found AS NOT MATERIALIZED (${unionAll(parts)} LIMIT ${int(need)})
    SELECT t.*, ${o.select} FROM found t ${o.joins}`;
  return { sql, values };
}

/**
 * The condition read arm by arm hub by hub (a category with at most COMPOUND_TERMS categories
 * below it and itself), and where it is; null when none.
 */
function hubArms(where: Condition[]): { at: number; arms: Condition[] } | null {
  const at = where.findIndex((w) => w.arms && w.arms.length > 1 && w.arms.length <= COMPOUND_TERMS);
  return at < 0 ? null : { at, arms: where[at]!.arms! };
}

/**
 * Plain SELECTs (no ORDER BY or LIMIT of their own) merged newest first, at most `need` rows: one
 * compound with the ORDER BY, which SQLite runs as a merge of its members, each read in its
 * index's order (id descending under equal leading columns), one row at a time — so a tie of
 * hubs or the arms of a category read about the rows shown, not a page each (a member with its
 * own ORDER BY and LIMIT in a sub-select is read whole and sorted). Above D1's five terms, each
 * five are merged first, and those merges are merged (their pages sorted again).
 */
export function newestOf(members: string[], need: number): string {
  if (!Number.isSafeInteger(need)) throw new Error('not an integer');
  const merge = (m: string[]) => `SELECT * FROM (${m.join(' UNION ALL ')} ORDER BY id DESC LIMIT ${need})`;
  let level = members;
  while (level.length > COMPOUND_TERMS) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += COMPOUND_TERMS)
      next.push(merge(level.slice(i, i + COMPOUND_TERMS)));
    level = next;
  }
  return merge(level);
}

/** D1 allows at most this many terms in one compound SELECT (SQLITE_LIMIT_COMPOUND_SELECT). */
const COMPOUND_TERMS = 5;

/**
 * Sub-selects in one UNION ALL, in order, nested five by five under D1's limit on compound terms.
 * SQLite reads the nested terms lazily in order too, so an outer LIMIT still stops at a full page.
 */
export function unionAll(parts: string[]): string {
  let level = parts;
  while (level.length > COMPOUND_TERMS) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += COMPOUND_TERMS) {
      const chunk = level.slice(i, i + COMPOUND_TERMS);
      next.push(chunk.length === 1 ? chunk[0]! : `SELECT * FROM (${chunk.join(' UNION ALL ')})`);
    }
    level = next;
  }
  return level.join(' UNION ALL ');
}

/** The status of a row that search finds, per table: what the hub scans' indexes start with. */
export const FINDABLE = { listings: 'active', requests: 'open' } as const;

/**
 * Above this many hubs holding a condition's rows, `hubsHolding` gives up and the search reads
 * rings of cells: the rows are then common enough to lie in the hubs near any point.
 */
export const HUB_SCAN_CAP = 60;

/**
 * The hubs holding findable rows of every condition with a `hubScan`, with their places (joined
 * by id in the same statement: listing and placing them is one statement), or null when there is
 * none or each is held by more than HUB_SCAN_CAP hubs. One statement: per condition and value, a walk
 * of its index from hub to next hub (a seek each, `hub_id > previous`), so the rows read follow
 * the hubs holding the value, never its rows (a category in 3 hubs: 3 seeks, however many
 * listings they hold). The hubs are those of every condition held by few enough (a hub holding a
 * rare category and a common condition is listed by the category). A hub given may still have
 * nothing to show: the conditions are met each by some row, not all by one.
 */
export async function hubsHolding(db: D1Database, o: SearchSqlOptions): Promise<HubPlace[] | null> {
  const scans = o.where.flatMap((w) => (w.hubScan && w.hubScan.values.length > 0 ? [w.hubScan] : []));
  if (scans.length === 0) return null;
  const t = o.table;
  const walks = scans.map((scan, k) => {
    const c = scan.column; // a column name of HubScan, never a person's text
    const next = (value: string, after: string | null) =>
      `(SELECT t.hub_id FROM ${t} t WHERE t.${c} = ${value} AND t.status = '${FINDABLE[t]}'${
        after ? ` AND t.hub_id > ${after}` : ''
      } ORDER BY t.hub_id LIMIT 1)`;
    return `walk${k}(v, hub, n) AS (
         SELECT j.value, ${next('j.value', null)}, 1 FROM json_each(?${k + 2}) j
         UNION ALL
         SELECT w.v, ${next('w.v', 'w.hub')}, w.n + 1 FROM walk${k} w WHERE w.hub IS NOT NULL AND w.n <= ?1)`;
  });
  const lists = scans.map(
    (_, k) =>
      `SELECT ${k} AS k, ${HUB_PLACE_COLUMNS} FROM (SELECT DISTINCT hub FROM walk${k} WHERE hub IS NOT NULL LIMIT ?1 + 1) w
       JOIN hubs h ON h.id = w.hub`,
  );
  const { results } = await db
    .prepare(`WITH RECURSIVE ${walks.join(',\n')}\n${unionAll(lists)}`)
    .bind(HUB_SCAN_CAP, ...scans.map((scan) => JSON.stringify(scan.values)))
    .all<HubPlace & { k: number }>();
  let holding: Map<number, HubPlace> | null = null;
  for (let k = 0; k < scans.length; k++) {
    const hubs = results.filter((r) => r.k === k);
    if (hubs.length > HUB_SCAN_CAP) continue; // held by too many to list
    const held: Map<number, HubPlace> = new Map(hubs.map(({ k: _, ...place }) => [place.id, place]));
    holding = holding === null ? held : new Map([...held].filter(([id]) => holding!.has(id)));
  }
  return holding === null ? null : [...holding.values()];
}

/**
 * Runs a search and gives the page's rows in page order, one more than the page when there is
 * more: hub by hub with a place (nearest first, or best match), else one statement. Hub by hub,
 * a condition naming a rare category, family, kind, condition or price first lists the hubs
 * holding it (`hubsHolding`) and reads only those, nearest first.
 */
export async function runSearch<T extends { id: number; hub_lat?: number; hub_lon?: number }>(
  db: D1Database,
  o: SearchSqlOptions,
): Promise<SearchRows<T & { metres: number | null; rank: number }>> {
  type Row = T & { metres: number | null; rank: number };
  // One hub's rows without a place (`hub=…`) with words, or newest first: that hub alone is read
  // through its own ranges (of the hub-ordered full-text index, of its rows' index), as a place
  // holding that one hub at no distance (`hub=…&q=birch` read 208,346 rows at a million listings:
  // the network's matches, kept by hub).
  const only = !o.rings && !o.hubDistances ? o.where.find((w) => w.hubScan?.column === 'hub_id') : undefined;
  const hub = only?.hubScan?.values.length === 1 ? Number(only.hubScan.values[0]) : null;
  if (
    hub !== null &&
    Number.isSafeInteger(hub) &&
    (o.sort === 'newest' || (o.sort === 'relevance' && o.fts))
  ) {
    const rows =
      o.sort === 'newest'
        ? await runSearch<T>(db, { ...o, hubDistances: new Map([[hub, 0]]) })
        : await searchByHubs<T>(
            db,
            {
              ...o,
              rings: async () => ({
                hubs: [{ id: hub, metres: 0 }],
                last: true,
                reach: Infinity,
                read: false,
              }),
              ringsOf: null,
              ringsFrom: null,
            },
            0,
          );
    return rows.map((r) => ({ ...r, metres: null }));
  }
  if (o.rings && (o.sort === 'nearest' || (o.sort === 'relevance' && o.fts))) {
    const scans = o.ringsOf !== undefined && o.ringsOf !== null && o.where.some((w) => w.hubScan);
    // With words and filters that are tokens (not one hub's), the hubs holding both, from the
    // hub-ordered index (a category held by many hubs, none with the words near: 1,663 rows in 5
    // statements through the category's holders, then rings, at a million listings).
    const both =
      scans &&
      o.fts !== null &&
      hasFilterKeys(o.where) &&
      !o.where.some((w) => w.hubScan?.column === 'hub_id');
    const holders = both ? await wordHolders(db, o) : null;
    const holding = both ? holders : scans ? await hubsHolding(db, o) : null;
    return searchByHubs<T>(
      db,
      holding && o.ringsOf ? { ...o, rings: o.ringsOf(holding), ringsFrom: null } : { ...o, rings: o.rings },
      scans ? 1 : 0,
      both,
      untitledOf(holders),
    );
  }
  if (o.sort === 'newest' && o.hubDistances) {
    const metres = o.hubDistances;
    let within = { ...o, hubDistances: metres };
    // More hub reads than one statement takes (merged with words, a queue without), with a
    // filter an index by hub serves: when few hubs hold its value, those of the radius (a rare
    // kind within 100 km: its rows, not the network's newest a million rows deep).
    const arms = (o.fts ? null : hubArms(o.where))?.arms.length ?? 1;
    const cap = o.fts ? NEWEST_HUB_MEMBERS : NEWEST_QUEUE_STREAMS;
    if (metres.size * arms > cap && o.where.some((w) => w.hubScan)) {
      const holding = await hubsHolding(db, o);
      const held = new Map(
        (holding ?? []).filter((h) => metres.has(h.id)).map((h) => [h.id, metres.get(h.id)!]),
      );
      if (holding && held.size * arms <= cap) within = { ...o, hubDistances: held };
    }
    if (within.hubDistances.size === 0) return [];
    // The hubs were listed with their places: the page joins none.
    const places = o.places;
    const listed =
      o.hubless !== undefined && places && [...within.hubDistances.keys()].every((h) => places.has(h));
    const { sql, values } = newestWithinSql(listed ? withoutHubs(within) : within)!;
    const { results } = await db
      .prepare(sql)
      .bind(...values)
      .all<Row>();
    return inPageOrder(listed ? results.map((r) => showingHub(r, places)) : results).map((r) => ({
      ...r,
      metres: metres.get((r as { hub_id?: number }).hub_id ?? 0) ?? null,
    }));
  }
  const bands = relevanceBandsSql(o);
  const newest = bands ? null : newestWordsSql(o);
  const { sql, values } = bands ?? newest ?? buildSearchSql(o);
  const { results: read } = await db
    .prepare(sql)
    .bind(...values)
    .all<Row>();
  const results = bands || newest ? inPageOrder(read) : read;
  // Newest first near a point without a radius: every hub is in reach, so no hub is read for it;
  // the distance is measured for the page's rows only.
  const from = o.metresFrom;
  return from && !o.hubDistances
    ? results.map((r) => ({
        ...r,
        metres: distanceMetres(from, { lat: r.hub_lat ?? 0, lon: r.hub_lon ?? 0 }),
      }))
    : results;
}

/**
 * A full-text query on the words of a row (title, category names, description), never its hub
 * key (migration 0038), so "hub12" typed by a person finds no hub's rows by their key.
 */
export function anyText(fts: string): string {
  return `{title search_terms description} : (${fts})`;
}

/**
 * The relevance bands of a full-text query, best first: 0, every word in the title; 1, every word
 * in the title or the category's names (and not band 0); 2, the rest (the description needed).
 * So a title or category match always ranks above a mention in the description; within a band,
 * the nearest (with a point) and then the newest come first. (bm25 was tried: its weights vanish
 * for words found in most rows, as category names are, and it cannot be read a page at a time.)
 */
export function relevanceBands(fts: string): [string, string, string] {
  const title = `{title} : (${fts})`;
  const named = `{title search_terms} : (${fts})`;
  return [title, `(${named}) NOT (${title})`, `(${anyText(fts)}) NOT (${named})`];
}

/** The band of a matching row, for the general query (which ranks every match in reach). */
function rankSql(table: string, fts: string, bind: (v: unknown) => string): string {
  const idx = `${table}_fts`;
  const title = `{title} : (${fts})`;
  const named = `{title search_terms} : (${fts})`;
  // Per row (a seek in the index by rowid), so only the rows in reach are checked, never a list
  // of every match in the network.
  return `(CASE WHEN EXISTS (SELECT 1 FROM ${idx} WHERE ${idx} MATCH ${bind(title)} AND rowid = t.id) THEN 0
    WHEN EXISTS (SELECT 1 FROM ${idx} WHERE ${idx} MATCH ${bind(named)} AND rowid = t.id) THEN 1 ELSE 2 END)`;
}

/**
 * Best match without a point, read a page at a time: each band newest first straight from the
 * full-text index (its rowid order), at most a page of each, one after the other in one statement
 * with the page's display joins. Rows read stay near one page whatever the number of matches (a
 * band read only while the page is not full, plus the rows a filter drops on the way). Null when
 * this does not apply.
 */
export function relevanceBandsSql(o: SearchSqlOptions): { sql: string; values: unknown[] } | null {
  if (o.sort !== 'relevance' || !o.fts || o.hubDistances) return null;
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };
  const c = o.cursor?.s === 'relevance' ? o.cursor : null;
  const idx = `${o.table}_fts`;
  const limit = bind(o.limit + 1);
  // CROSS JOIN keeps the full-text index as the outer loop: with several filters SQLite otherwise
  // drove from a filter's index (e.g. a family: 400,000 rows at a million listings), probing the
  // index per row, and the request ran for minutes.
  const named = namesMayMatch(o.fts, o.where);
  const parts =
    categoryBands(o, {
      bind,
      limit,
      bandsOf: (where) => hubBands(o.fts!, where).map((band, r) => (r === 1 && !named ? null : band)),
      cursor: c ? { band: c.r, id: c.id } : null,
    }) ??
    relevanceBands(o.fts).flatMap((expr, band) => {
      if (c && band < c.r) return []; // earlier pages showed this band whole
      if (band === 1 && !named) return []; // no row the filters admit is in it
      const conditions = [`${idx} MATCH ${bind(withFilterKeys(expr, o.where))}`, ...whereSql(o.where, bind)];
      if (c && band === c.r) conditions.push(`t.id < ${bind(c.id)}`);
      return [
        `SELECT * FROM (SELECT ${band} AS rank, NULL AS metres, ${columns(o.table)} FROM ${idx} CROSS JOIN ${o.table} t ON t.id = ${idx}.rowid
        WHERE ${conditions.join(' AND ')} ORDER BY ${idx}.rowid DESC LIMIT ${limit})`,
      ];
    });
  if (parts.length === 0)
    parts.push(`SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${o.table} t WHERE 0`);
  // The bands in order under one LIMIT: SQLite reads them lazily, so a band full enough for the
  // page leaves the bands after it unread, and a row is read once (its display joins on the page).
  // In page order by the caller (`inPageOrder`), as `byHubsSql`.
  const sql = `WITH found AS NOT MATERIALIZED (SELECT * FROM (${parts.join(' UNION ALL ')}) LIMIT ${limit})
    SELECT t.*, ${o.select} FROM found t ${o.joins}`;
  return { sql, values };
}

/**
 * The range of the category-ordered index (migration 0056) a search's category or family filter
 * is read from, and its filters as the range's rows need them: without the category's own
 * (each row of the range holds it) when the filter names the range's category; a category below
 * it stays (its token). Null for requests, without such a filter, or when the filter's
 * categories are in several ranges (a family).
 */
function categoryRangeOf(
  o: Pick<SearchSqlOptions, 'table' | 'where'>,
): { place: number; others: Condition[] } | null {
  const cats = o.table === 'listings' ? filterCategories(o.where) : null;
  const ranges = new Set(cats?.map(categoryRange));
  if (!cats || ranges.size !== 1) return null;
  const whole = cats.some((c) => categoryRange(c) === categoryPlace(c));
  const others = whole
    ? o.where.filter((w) => w.hubScan?.column !== 'category' && w.hubScan?.column !== 'family')
    : o.where;
  return { place: [...ranges][0]!, others };
}

/**
 * Words with a category filter from the category-ordered index (migration 0056), best match band
 * by band or newest first as one band: in the range of the filter's categories (a category below
 * a family with those below it; `categoryRange`), its titles for the best band and its whole rows
 * otherwise, the band's query with the end marker (as a hub's range is read, `hubBands`), at
 * most a page newest first. The words are then a seek in one range, whatever their number in
 * other categories (`q=birch&category=solid-wood` walked every "birch" of birch plywood on the
 * network-wide index: 27 ms for its best band at a million listings; here under 1 ms). The
 * range's own category is not in the query (each of its rows holds it); a category below it is
 * (its token). Null when the filter's categories are in several ranges (a family): the
 * network-wide index, where the family's token is common enough that the words soon meet it.
 */
function categoryBands(
  o: SearchSqlOptions,
  p: {
    bind: (v: unknown) => string;
    limit: string;
    /** The bands' queries for the filters but the category's (null: a band not read). */
    bandsOf: (where: Condition[]) => (HubBand | null)[];
    /** The band and id a page goes on from (older than `id` in `band`, the bands after it). */
    cursor: { band: number; id: number } | null;
  },
): string[] | null {
  const range = categoryRangeOf(o);
  if (!range) return null;
  const { place, others } = range;
  const idx = 'listings_cat_fts';
  const listingId = `(${idx}.rowid | ${ID_SPAN - 1}) - ${idx}.rowid`;
  const where = whereSql(o.where, p.bind);
  const c = p.cursor;
  return p.bandsOf(others).flatMap((band, r) => {
    if (!band || (c && r < c.band)) return []; // not read, or shown whole by earlier pages
    // id < c is rowid ≥ start + 2^32 − c: in the cursor's band the range starts at the cursor.
    const from = c && r === c.band ? ID_SPAN - c.id : 0;
    if (from < 0 || !Number.isSafeInteger(from)) throw new Error('an id beyond the category-ordered index');
    const start = `${place} * ${HUB_STRIDE} + ${band.titles ? 0 : ID_SPAN}`;
    const conditions = [
      `${idx} MATCH ${p.bind(band.match)}`,
      `${idx}.rowid BETWEEN ${start} + ${from} AND ${start} + ${RANGE_LAST}`,
      ...where,
    ];
    return [
      `SELECT * FROM (SELECT ${r} AS rank, NULL AS metres, ${columns(o.table)} FROM ${idx} CROSS JOIN ${o.table} t ON t.id = ${listingId}
        WHERE ${conditions.join(' AND ')} LIMIT ${p.limit})`,
    ];
  });
}

/** The columns whose index is (column, status, hub_id, id): not in id order across hubs. */
const BY_HUB_INDEX = new Set<HubScan['column']>(['kind', 'condition', 'price_type', 'sized']);

/**
 * Newest first without a radius, from the full-text index newest first (its rowid order): with
 * words, their matches holding the filters' tokens; without words, filtered by a kind, a
 * condition, a price or "my part fits" (whose indexes run hub by hub, not newest first across the
 * network), the rows holding those tokens (`filterKeysQuery`) — each kept when it meets the
 * filters, under the page's LIMIT, so a page reads about the rows it shows. (The general query
 * ranked every match: 1,096,312 rows for `q=birch&sort=newest` at a million listings; and read
 * the network's newest rows for a rare kind: `kind=machine_time` 1,000,050 rows, then 535 through
 * a window of the 500 newest and the hubs holding it.) Null when this does not apply.
 */
export function newestWordsSql(o: SearchSqlOptions): { sql: string; values: unknown[] } | null {
  if (o.sort !== 'newest' || o.hubDistances || o.rings) return null;
  let match: string | null;
  if (o.fts) match = withFilterKeys(anyText(o.fts), o.where);
  else if (o.where.some((w) => w.arms && w.arms.length > 0))
    return null; // armsPage reads those
  else if (!o.where.some((w) => w.hubScan && BY_HUB_INDEX.has(w.hubScan.column))) return null;
  else match = filterKeysQuery(o.where);
  if (match === null) return null;
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };
  const idx = `${o.table}_fts`;
  const limit = bind(o.limit + 1);
  const cursor = o.cursor?.s === 'newest' ? o.cursor : null;
  // Words with a category: the category's range of the category-ordered index, as best match.
  const fts = o.fts;
  const inRange = fts
    ? categoryBands(o, {
        bind,
        limit,
        bandsOf: (where) => [{ match: hubMatch(fts, where), titles: false }],
        cursor: cursor ? { band: 0, id: cursor.id } : null,
      })
    : null;
  let page = inRange?.[0];
  if (page === undefined) {
    const conditions = [`${idx} MATCH ${bind(match)}`, ...whereSql(o.where, bind)];
    if (cursor) conditions.push(`t.id < ${bind(cursor.id)}`);
    page = `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${idx} CROSS JOIN ${o.table} t ON t.id = ${idx}.rowid
    WHERE ${conditions.join(' AND ')} ORDER BY ${idx}.rowid DESC LIMIT ${limit}`;
  }
  // In page order by the caller (`inPageOrder`), as `relevanceBandsSql`: an ORDER BY here kept the
  // page in a temporary table, a row more read for each row shown (104 rows for 21 at a million).
  return {
    sql: `WITH found AS NOT MATERIALIZED (${page}) SELECT t.*, ${o.select} FROM found t ${o.joins}`,
    values,
  };
}

/**
 * Newest first within a radius (`hubDistances`: the hubs of the radius, however many): a page,
 * newest first, of the rows of those hubs. With at most NEWEST_HUB_MEMBERS hub reads (a hub, or
 * each arm of a category in a hub, is one), each hub's rows are read newest first through its
 * own index range (`listings_hub_status_id`; with words, the hub's range of the hub-ordered
 * full-text index, at most a page each) and merged (`newestOf`): about a page a hub at most.
 * With more hubs, the network's newest rows are read in order (`listings_status_id`; with words,
 * the full-text index newest first), each kept when its hub is one of the radius's, until the
 * page is full: about a page times the share of the rows the radius holds. (The general query
 * joined every row of every hub of the radius and sorted them: 41,283 rows for a page within
 * 25 km at a million listings, 7.5 million with words, 2 million for one hub's five.) The
 * distances are the caller's (`hubDistances`), set on the page's rows; null when this does not
 * apply.
 */
export function newestWithinSql(o: SearchSqlOptions): { sql: string; values: unknown[] } | null {
  if (o.sort !== 'newest' || !o.hubDistances) return null;
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error('not an integer');
    return String(n);
  };
  const hubs = [...o.hubDistances.keys()];
  const need = int(o.limit + 1);
  const cursor = o.cursor?.s === 'newest' ? o.cursor.id : null;
  // The filters bound where they are written (a category's arms write their own).
  const where = () => whereSql(o.where, bind);
  const armWhere = (at: number, arm: Condition) =>
    whereSql(
      o.where.map((w, i) => (i === at ? arm : w)),
      bind,
    );
  const armed = o.fts ? null : hubArms(o.where);
  const reads = hubs.length * (armed?.arms.length ?? 1);
  let body: string;
  if (hubs.length === 0) {
    body = `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${o.table} t WHERE 0`;
  } else if (
    !o.fts &&
    reads <= NEWEST_QUEUE_STREAMS &&
    (reads > NEWEST_HUB_MEMBERS || queueCheaper(reads, o.limit + 1))
  ) {
    // A stream per hub (and arm), merged by a recursive query whose ORDER BY makes its queue a
    // priority queue: each stream's newest row is in the queue, the newest of them is taken,
    // and only that stream's next row is looked up (one seek of its index).
    const conditions = armed ? armed.arms.map((a) => () => armWhere(armed.at, a)) : [where];
    const next = (hub: string, arm: string, below: string | null) => {
      const seeks = conditions.map(
        (c) =>
          `(SELECT t.id FROM ${o.table} t WHERE ${[`t.hub_id = ${hub}`, ...c(), ...(below ? [below] : [])].join(' AND ')}
            ORDER BY t.id DESC LIMIT 1)`,
      );
      return seeks.length === 1
        ? seeks[0]!
        : `CASE ${arm} ${seeks.map((x, i) => `WHEN ${i} THEN ${x}`).join(' ')} END`;
    };
    const streams = hubs.flatMap((hub) => conditions.map((_, i) => `(${int(hub)}, ${i})`));
    const first = cursor === null ? null : `t.id < ${bind(cursor)}`;
    body = `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM (
      WITH RECURSIVE s(hub, arm, id) AS (
        SELECT v.column1, v.column2, ${next('v.column1', 'v.column2', first)} FROM (VALUES ${streams.join(', ')}) v
        UNION ALL
        SELECT s.hub, s.arm, ${next('s.hub', 's.arm', 't.id < s.id')} FROM s WHERE s.id IS NOT NULL
        ORDER BY 3 DESC LIMIT ${need})
      SELECT id FROM s) s CROSS JOIN ${o.table} t ON t.id = s.id`;
  } else if (reads <= NEWEST_HUB_MEMBERS && !o.fts) {
    const wheres = armed ? armed.arms.map((a) => armWhere(armed.at, a)) : [where()];
    const older = cursor === null ? [] : [`t.id < ${bind(cursor)}`];
    body = newestOf(
      hubs.flatMap((hub) =>
        wheres.map(
          (w) => `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${o.table} t
            WHERE ${[`t.hub_id = ${int(hub)}`, ...older, ...w].join(' AND ')}`,
        ),
      ),
      o.limit + 1,
    );
  } else if (reads <= NEWEST_HUB_MEMBERS) {
    const hidx = `${o.table}_hub_fts`;
    const match = bind(hubMatch(o.fts!, o.where));
    const filters = where();
    // Older than the cursor: from the cursor's place in each hub's range (id < c is rowid ≥
    // start + 2^32 − c); an id past the index's span leaves the whole range.
    const from = cursor === null ? 0 : Math.max(0, ID_SPAN - cursor);
    const arms = hubs.map((hub) => {
      const start = `${int(hub)} * ${HUB_STRIDE} + ${ID_SPAN}`;
      return `SELECT * FROM (SELECT 0 AS rank, NULL AS metres, ${columns(o.table)}
        FROM ${hidx} CROSS JOIN ${o.table} t ON t.id = (${hidx}.rowid | ${ID_SPAN - 1}) - ${hidx}.rowid
        WHERE ${[
          `${hidx} MATCH ${match}`,
          `${hidx}.rowid BETWEEN ${start} + ${int(from)} AND ${start} + ${RANGE_LAST}`,
          ...filters,
        ].join(' AND ')} LIMIT ${need})`;
    });
    body = `SELECT * FROM (${unionAll(arms)}) ORDER BY id DESC LIMIT ${need}`;
  } else {
    // `+t.hub_id`: no index on the hub, so the newest rows are read in order and the page's LIMIT
    // stops the reading; the hubs are one list (VALUES up to RUN_VALUES, else a JSON parameter).
    const list =
      hubs.length <= RUN_VALUES
        ? `SELECT column1 FROM (VALUES ${hubs.map((h) => `(${int(h)})`).join(', ')})`
        : `SELECT value FROM json_each(${bind(JSON.stringify(hubs))})`;
    const inReach = `+t.hub_id IN (${list})`;
    const older = cursor === null ? [] : [`t.id < ${bind(cursor)}`];
    if (armed) {
      // A category with the ones below it: each arm newest first through its own index range,
      // merged (as `armsPage`), so no arm's rows are read whole and sorted.
      body = newestOf(
        armed.arms.map(
          (a) => `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${o.table} t
            WHERE ${[...armWhere(armed.at, a), inReach, ...older].join(' AND ')}`,
        ),
        o.limit + 1,
      );
    } else if (o.fts) {
      const idx = `${o.table}_fts`;
      body = `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${idx} CROSS JOIN ${o.table} t ON t.id = ${idx}.rowid
        WHERE ${[`${idx} MATCH ${bind(withFilterKeys(anyText(o.fts), o.where))}`, ...where(), inReach, ...older].join(' AND ')}
        ORDER BY ${idx}.rowid DESC LIMIT ${need}`;
    } else {
      body = `SELECT 0 AS rank, NULL AS metres, ${columns(o.table)} FROM ${o.table} t
        WHERE ${[...where(), inReach, ...older].join(' AND ')} ORDER BY t.id DESC LIMIT ${need}`;
    }
  }
  // In page order by the caller (`inPageOrder`), as `newestWordsSql`.
  return {
    sql: `WITH found AS NOT MATERIALIZED (${body}) SELECT t.*, ${o.select} FROM found t ${o.joins}`,
    values,
  };
}

/**
 * Hub reads (a hub, or an arm of a category in a hub) newest first within a radius merged in one
 * statement at most (`newestWithinSql`), each a page at most: with words, above it the network's
 * newest matches are read and kept by hub; without words, above it (or sooner, `queueCheaper`)
 * the hubs are streams of a priority queue, up to NEWEST_QUEUE_STREAMS.
 */
export const NEWEST_HUB_MEMBERS = HUBS_PER_STATEMENT;

/**
 * Hub reads (hubs × arms) newest first within a radius, without words, that one statement takes
 * as a priority queue: a row of VALUES each (RUN_VALUES, so the statement stays small). Its cost
 * is known before it runs: a row per stream, then about three per row shown. Above it, the
 * network's newest rows kept by hub: cheap when the radius holds a large part of the network's
 * rows, but how deep it reads depends on how the newest rows are spread over the hubs (at a
 * million listings, 364 hubs within 80 km: 1,192 rows for 21 that way, about 430 as a queue).
 */
export const NEWEST_QUEUE_STREAMS = RUN_VALUES;

/**
 * Whether `streams` hub reads (hubs × arms) newest first cost fewer rows as a priority queue
 * (each stream's newest row, then for each row taken the row itself, its place in the queue and
 * its stream's next: about streams + 3 × need) than merged by `newestOf` (each stream's first
 * row and the page; above D1's five compound terms, each five's page read whole and sorted
 * again at every level). At 25 hubs and a page of 21: 150 rows merged, 87 as a queue.
 */
export function queueCheaper(streams: number, need: number): boolean {
  let merged = 0;
  let level = streams;
  while (level > COMPOUND_TERMS) {
    const groups = Math.ceil(level / COMPOUND_TERMS);
    merged += groups * need;
    level = groups;
  }
  merged += streams + need;
  return streams + 3 * need < merged;
}

/**
 * Newest first without words or a place, filtered by a condition with arms (a category and the
 * ones below it): one sub-select per arm, each the arm's newest page through its own index range
 * (`listings_category_status_id`: category, status, id), older than the cursor, merged newest
 * first under the page's LIMIT. So the rows read follow the page and the number of arms, not how
 * rare the category is among the listings (through `listings_status_id` a category holding 1 %
 * of them read a hundred rows for each one shown). Null when the search is not of that kind.
 */
function armsPage(o: SearchSqlOptions, bind: (v: unknown) => string, from: string): string | null {
  if (o.fts || o.hubDistances || o.sort !== 'newest') return null;
  const k = o.where.findIndex((w) => w.arms && w.arms.length > 0);
  if (k < 0) return null;
  const cursor = o.cursor?.s === 'newest' ? o.cursor.id : null;
  const limit = o.limit + 1;
  const arms = o.where[k]!.arms!.map((arm) => {
    const conditions = whereSql(
      o.where.map((w, i) => (i === k ? arm : w)),
      bind,
    );
    if (cursor !== null) conditions.push(`t.id < ${bind(cursor)}`);
    return `SELECT ${columns(o.table)}, NULL AS metres, 0 AS rank ${from} WHERE ${conditions.join(' AND ')}`;
  });
  return newestOf(arms, limit);
}

export function buildSearchSql(o: SearchSqlOptions): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `?${values.length}`;
  };

  let distanceCte = '';
  if (o.hubDistances) {
    // One JSON parameter, whatever the number of hubs (D1 binds at most 100 values).
    const pairs = JSON.stringify(Object.fromEntries(o.hubDistances));
    distanceCte = `WITH dist (hub_id, metres) AS (SELECT CAST(key AS INTEGER), value FROM json_each(${bind(pairs)})) `;
  }

  const fts = `${o.table}_fts`;
  const from = o.fts ? `FROM ${fts} CROSS JOIN ${o.table} t ON t.id = ${fts}.rowid` : `FROM ${o.table} t`;
  const armed = armsPage(o, bind, from);
  if (armed)
    return { sql: `SELECT t.*, ${o.select} FROM (${armed}) t ${o.joins} ORDER BY t.id DESC`, values };
  const conditions: string[] = [];
  if (o.fts) conditions.push(`${fts} MATCH ${bind(withFilterKeys(anyText(o.fts), o.where))}`);
  conditions.push(...whereSql(o.where, bind));

  // The display joins (o.select, o.joins) apply to the page only, after the sort and LIMIT: a
  // search that ranks thousands of matches does not look up a hub and an author for each.
  const inner = `SELECT ${columns(o.table)}
      ${o.hubDistances ? ', dist.metres AS metres' : ', NULL AS metres'}
      ${o.fts ? `, ${rankSql(o.table, o.fts, bind)} AS rank` : ', 0 AS rank'}
    ${from}
    ${o.hubDistances ? 'JOIN dist ON dist.hub_id = t.hub_id' : ''}
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;

  let after = '';
  let order = 'id DESC';
  const c = o.cursor;
  if (o.sort === 'nearest') {
    order = 'metres ASC, id DESC';
    if (c?.s === 'nearest')
      after = `WHERE metres > ${bind(c.d)} OR (metres = ${bind(c.d)} AND id < ${bind(c.id)})`;
  } else if (o.sort === 'relevance') {
    // Relevance, then (with a point) the nearest, then the newest.
    if (o.hubDistances) {
      order = 'rank ASC, metres ASC, id DESC';
      if (c?.s === 'relevance')
        after = `WHERE rank > ${bind(c.r)} OR (rank = ${bind(c.r)} AND (metres > ${bind(c.d ?? 0)}
          OR (metres = ${bind(c.d ?? 0)} AND id < ${bind(c.id)})))`;
    } else {
      order = 'rank ASC, id DESC';
      if (c?.s === 'relevance')
        after = `WHERE rank > ${bind(c.r)} OR (rank = ${bind(c.r)} AND id < ${bind(c.id)})`;
    }
  } else if (c?.s === 'newest') {
    after = `WHERE id < ${bind(c.id)}`;
  }

  const page = `SELECT * FROM (${inner}) ${after} ORDER BY ${order} LIMIT ${bind(o.limit + 1)}`;
  const pageOrder = order.replace(/\b(metres|rank|id)\b/g, 't.$1');
  const sql = `${distanceCte}SELECT t.*, ${o.select} FROM (${page}) t ${o.joins} ORDER BY ${pageOrder}`;
  return { sql, values };
}

/**
 * Rows of any hub but these (`not_hub`), for a search that reads no hubs: the rows of those hubs
 * are read and passed over (a search by place drops the hubs from its rings instead).
 */
export function notHubsCondition(hubIds: number[]): Condition {
  return { sql: 't.hub_id NOT IN (SELECT value FROM json_each(?))', values: [JSON.stringify(hubIds)] };
}

/**
 * The WHERE fragment of a category filter on `t` (listings or requests): a whole family through
 * the generated `family` column and its (family, status, id) index, one page of one range; a
 * narrower category as its list of categories (itself and its descendants), each an arm of its
 * own (`armsPage`).
 */
export function categoryCondition(category: string): Condition {
  if (categoryFamily(category) === category)
    return { sql: 't.family = ?', values: [category], hubScan: { column: 'family', values: [category] } };
  const cats = categoryWithDescendants(category);
  return {
    sql: `t.category IN (${cats.map(() => '?').join(', ')})`,
    values: cats,
    arms: cats.map((c) => ({ sql: 't.category = ?', values: [c] })),
    hubScan: { column: 'category', values: cats },
  };
}
