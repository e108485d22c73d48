import type { TRole } from '../../shared/common.schemas';
import type { THubSummary } from '../../shared/hubs.schemas';

type SummaryField = 'slug' | 'name' | 'city' | 'country' | 'kind' | 'lat' | 'lon';

/** The columns of a hub's summary in a read model's row, each under a prefix (`hub_`, `fh_`, or none). */
export type HubSummaryColumns<P extends string> = {
  [K in SummaryField as `${P}${K}`]: K extends 'lat' | 'lon' ? number : string;
};

/** A hub's summary from the columns a read model selected under `prefix`: the one mapping of it. */
export function hubSummaryOf<P extends string>(row: HubSummaryColumns<P>, prefix: P): THubSummary {
  const r = row as unknown as Record<string, string | number>;
  const col = (field: SummaryField) => r[`${prefix}${field}`];
  return {
    slug: col('slug') as string,
    name: col('name') as string,
    city: col('city') as string,
    country: col('country') as string,
    // The hubs table's CHECK keeps `kind` to the enum.
    kind: col('kind') as THubSummary['kind'],
    lat: col('lat') as number,
    lon: col('lon') as number,
  };
}

/** Invites are valid for a week and admit one person. */
export const INVITE_DAYS = 7;

export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
}

/** Who may change a hub, see its members and invite people. */
export function canManage(role: TRole | null): boolean {
  return role === 'manager';
}

/** A manager removes anyone; a member may only leave. */
export function canRemoveMember(actor: { id: number; role: TRole | null }, targetUserId: number): boolean {
  return actor.role === 'manager' || (actor.role !== null && actor.id === targetUserId);
}

/** What a person is in each hub: hub id to role. */
export type HubRoles = ReadonlyMap<number, TRole>;

/**
 * Who may change or withdraw a hub's listing or request: its author while still a member of
 * the hub, or any manager of the hub.
 */
export function canEditHubContent(
  item: { authorId: number; hubId: number },
  viewer: { id: number; roles: HubRoles } | null,
): boolean {
  if (!viewer) return false;
  const role = viewer.roles.get(item.hubId);
  return role === 'manager' || (role === 'member' && item.authorId === viewer.id);
}

/**
 * The spatial key of hubs (migration 0037): a grid of 0.1° by 0.1° cells, row by latitude and
 * column by longitude, as one integer `row * 4000 + column`, the same formula as the generated
 * column `hubs.cell` (CAST truncates as Math.floor does for these non-negative values).
 */
export const CELL_DEGREES = 0.1;
const MAX_ROW = 1800; // latitude 90
const MAX_COL = 3600; // longitude 180
const ROW_WIDTH = 4000;

export const cellRow = (lat: number) => Math.floor((lat + 90) * 10);
export const cellCol = (lon: number) => Math.floor((lon + 180) * 10);
export const cellOf = (p: { lat: number; lon: number }) => cellRow(p.lat) * ROW_WIDTH + cellCol(p.lon);

/** Inclusive ranges of cell keys, in order, adjacent ranges merged. */
export type CellRanges = [number, number][];

function merged(ranges: CellRanges): CellRanges {
  const out: CellRanges = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The parts of `ranges` outside `cut` (both sorted and merged). */
function without(ranges: CellRanges, cut: CellRanges): CellRanges {
  let out = ranges;
  for (const [a, b] of cut)
    out = out.flatMap(([x, y]): CellRanges => {
      if (b < x || a > y) return [[x, y]];
      const parts: CellRanges = [];
      if (x < a) parts.push([x, a - 1]);
      if (b < y) parts.push([b + 1, y]);
      return parts;
    });
  return out;
}

/** Columns c0..c1 of one row as ranges, wrapping round the antimeridian. */
function rowSpans(row: number, c0: number, c1: number): CellRanges {
  const base = row * ROW_WIDTH;
  if (c1 - c0 >= MAX_COL) return [[base, base + ROW_WIDTH - 1]];
  const spans: [number, number][] = [];
  if (c0 < 0) spans.push([c0 + MAX_COL + 1, MAX_COL], [0, c1]);
  else if (c1 > MAX_COL) spans.push([c0, MAX_COL], [0, c1 - MAX_COL - 1]);
  else spans.push([c0, c1]);
  return spans.map(([a, b]) => [base + a, base + b]);
}

/**
 * The cells of the square of half-width `outer` cells round the point's cell, less the square of
 * half-width `inner` (none when negative); `outer` Infinity is every cell. One range per row (two
 * in the rows the inner square cuts), so the hubs read are those of the ring only.
 */
export function ringRanges(p: { lat: number; lon: number }, inner: number, outer: number): CellRanges {
  const pr = cellRow(p.lat);
  const pc = cellCol(p.lon);
  const r0 = Number.isFinite(outer) ? Math.max(0, pr - outer) : 0;
  const r1 = Number.isFinite(outer) ? Math.min(MAX_ROW, pr + outer) : MAX_ROW;
  const k = Number.isFinite(outer) ? outer : MAX_COL;
  const out: CellRanges = [];
  for (let row = r0; row <= r1; row++) {
    const spans = merged(rowSpans(row, pc - k, pc + k));
    if (inner < 0 || Math.abs(row - pr) > inner) out.push(...spans);
    else out.push(...without(spans, merged(rowSpans(row, pc - inner, pc + inner))));
  }
  return merged(out);
}

/**
 * The cells of `box` (sorted and merged, as `boxRanges` gives them) less the square of half-width
 * `inner` cells round the point's cell (nothing taken when negative): the last ring of a search
 * within a radius, whose nearer squares were read before.
 */
export function boxRingRanges(p: { lat: number; lon: number }, box: CellRanges, inner: number): CellRanges {
  return inner < 0 ? box : without(box, ringRanges(p, -1, inner));
}

/** The cells in both `a` and `b` (each sorted and merged): a square's ring inside a radius's box. */
export function sharedRanges(a: CellRanges, b: CellRanges): CellRanges {
  const out: CellRanges = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** The cells of a box of latitudes and longitudes (`lon` may be two ranges across the antimeridian). */
export function boxRanges(box: { latMin: number; latMax: number; lon: [number, number][] }): CellRanges {
  const out: CellRanges = [];
  for (let row = cellRow(box.latMin); row <= Math.min(MAX_ROW, cellRow(box.latMax)); row++)
    for (const [w, e] of box.lon) out.push(...rowSpans(row, cellCol(w), Math.min(MAX_COL, cellCol(e))));
  return merged(out);
}

/** Half-width, in cells, of the first square a search by place reads round its point (about 15 km). */
export const FIRST_RING_CELLS = 2;

/**
 * About how many hubs the second square holds beyond the first's: a word or filter held by more
 * hubs than a search lists by name (60) lies, spread over a network of a few thousand hubs, in
 * some of the nearest 256; and a few hundred ids and places are one small statement.
 */
export const RING_HUBS = 256;

/**
 * The half-width of the first square: `cells` (FIRST_RING_CELLS unless the caller knows better),
 * or going on from a distance (a page's cursor), the smallest square at least that wide whose
 * reach passes it (read whole: the squares inside it hold no hub that far). Infinity when no
 * square short of every cell reaches it.
 */
export function firstRingCells(
  p: { lat: number; lon: number },
  fromMetres?: number,
  cells: number = FIRST_RING_CELLS,
): number {
  let k = cells;
  while (fromMetres !== undefined && squareReachMetres(p, k) <= fromMetres) {
    k++;
    if (2 * k + 1 > MAX_ROW) return Infinity;
  }
  return k;
}

/**
 * The half-width of the second square, from the first's (`cells`) and the hubs it held (`seen`):
 * at the first's density, about RING_HUBS hubs more — so a dense city reads a few hundred hubs,
 * not the thousand of a fixed 140 km square, and a sparse place reaches far in one step (no hub
 * in the first counts as one). Infinity when that is most of the earth.
 */
export function nextRingCells(cells: number, seen: number): number {
  const perCell = Math.max(seen, 1) / (2 * cells + 1) ** 2;
  const side = Math.sqrt((seen + RING_HUBS) / perCell);
  const next = Math.max(cells + 1, Math.ceil((side - 1) / 2));
  return 2 * next + 1 > MAX_ROW ? Infinity : next;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * A distance in metres within which every hub lies inside the square of half-width `k` cells round
 * the point's cell (Infinity for every cell): the distance to its nearest edge, measured so that
 * it never exceeds the great-circle distance to any point beyond that edge (a meridian's nearest
 * point is asin(cos φ · sin Δλ) away). A side at the antimeridian counts as an edge.
 */
export function squareReachMetres(p: { lat: number; lon: number }, k: number): number {
  if (!Number.isFinite(k)) return Infinity;
  const pr = cellRow(p.lat);
  const pc = cellCol(p.lon);
  const south = pr - k <= 0 ? Infinity : p.lat - ((pr - k) * CELL_DEGREES - 90);
  const north = pr + k >= MAX_ROW ? Infinity : (pr + k + 1) * CELL_DEGREES - 90 - p.lat;
  const west = Math.min(p.lon + 180, p.lon - ((pc - k) * CELL_DEGREES - 180));
  const east = Math.min(180 - p.lon, (pc + k + 1) * CELL_DEGREES - 180 - p.lon);
  const along = (deg: number) =>
    deg >= 90 ? Infinity : EARTH_RADIUS_M * Math.asin(Math.cos(rad(p.lat)) * Math.sin(rad(deg)));
  return Math.max(
    0,
    Math.min(EARTH_RADIUS_M * rad(south), EARTH_RADIUS_M * rad(north), along(west), along(east)),
  );
}

/** At most this many words of a hub search are looked up (a name and a city rarely hold more). */
export const HUB_SEARCH_WORDS = 8;

/**
 * The full-text query (hubs_fts, migration 0058) for words a person typed to find a hub: each word
 * the start of a word of the hub's name or place, all of them ("fab gen" finds FabLab Gent). Each
 * word is quoted, so nothing typed is read as the index's own syntax (AND, NEAR, column names,
 * quotes); null when nothing typed is a letter or a digit (no hub can match).
 */
export function hubWordsMatch(q: string): string | null {
  // Compatibility forms as the letters they stand for (full-width "Ｇｅｎｔ", a ligature "ﬁ"), as
  // the listings' search reads them (`toFtsQuery`).
  const words = (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, HUB_SEARCH_WORDS);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

/**
 * A map of every hub (migration 0061): the hubs counted per cell of coarser grids, level k
 * grouping 2^k by 2^k cells of the hubs' grid, keyed `(row >> k) * 4000 + (column >> k)`.
 */
export const MAP_LEVELS = 8;

/**
 * Up to this many hubs in a map's view are shown one by one, however big the view: a network of
 * a few hundred hubs is drawn as it is, and clusters come only where a view holds more.
 */
export const MAP_ONE_BY_ONE = 200;

/** A map's view: `west` above `east` crosses the antimeridian. */
export type MapBox = { south: number; west: number; north: number; east: number };

/** Degrees of longitude a view spans (360 for every longitude). */
export function lonSpan(box: MapBox): number {
  return Math.min(360, box.east >= box.west ? box.east - box.west : box.east + 360 - box.west);
}

/**
 * The level of cells a view is drawn in so that about `columns` cells (or fewer) fill its wider
 * side: 0 when cells of the hubs' own grid would already be that small (the view is shown hub by
 * hub), at most MAP_LEVELS.
 */
export function mapLevel(box: MapBox, columns: number): number {
  const span = Math.max(lonSpan(box), box.north - box.south);
  const cells = span / columns / CELL_DEGREES;
  if (cells <= 1) return 0;
  return Math.min(MAP_LEVELS, Math.ceil(Math.log2(cells)));
}

/** The longitudes of a view as one or two ranges (two across the antimeridian). */
function lonRanges(box: MapBox): [number, number][] {
  if (lonSpan(box) >= 360) return [[-180, 180]];
  return box.east >= box.west
    ? [[box.west, box.east]]
    : [
        [box.west, 180],
        [-180, box.east],
      ];
}

/** The view as `boxRanges` takes it: the cells of the hubs' grid it covers. */
export function mapBoxRanges(box: MapBox): CellRanges {
  return boxRanges({ latMin: box.south, latMax: box.north, lon: lonRanges(box) });
}

/** The keys of the level's cells a view covers, one range per row of them. */
export function mapLevelRanges(box: MapBox, level: number): CellRanges {
  const out: CellRanges = [];
  const r0 = cellRow(box.south) >> level;
  const r1 = Math.min(MAX_ROW, cellRow(box.north)) >> level;
  for (let row = r0; row <= r1; row++)
    for (const [w, e] of lonRanges(box))
      out.push([
        row * ROW_WIDTH + (cellCol(w) >> level),
        row * ROW_WIDTH + (Math.min(MAX_COL, cellCol(e)) >> level),
      ]);
  return merged(out);
}

/** What a level's cell covers, in degrees (tenths rounded, so edges read as they are). */
export function mapCellBox(level: number, key: number): MapBox {
  const size = 2 ** level;
  const row = Math.floor(key / ROW_WIDTH) * size;
  const col = (key % ROW_WIDTH) * size;
  // Tenths from the equator and the prime meridian, divided once: 170.4, not 350.4 - 180.
  return {
    south: (row - MAX_ROW / 2) / 10,
    west: (col - MAX_COL / 2) / 10,
    north: (Math.min(MAX_ROW, row + size) - MAX_ROW / 2) / 10,
    east: (Math.min(MAX_COL, col + size) - MAX_COL / 2) / 10,
  };
}
