import type { TCondition, TListingKind, TLocale, TUnit } from '../../shared/common.schemas';
import {
  categoryCondition,
  notHubsCondition,
  HUB_SHOWN_SELECT,
  runSearch,
  type Condition,
  type SearchSqlOptions,
} from '../search/search.statements';
import type { ListingValues } from './listings.domain';

export type ListingRow = {
  id: number;
  hub_id: number;
  author_id: number;
  kind: TListingKind;
  title: string;
  description: string;
  category: string;
  quantity_milli: number;
  /** Promised to accepted exchanges or already handed over (migration 0002). */
  quantity_reserved_milli: number;
  unit: TUnit;
  length_mm: number | null;
  width_mm: number | null;
  thickness_mm: number | null;
  condition: TCondition;
  price_type: 'free' | 'swap' | 'amount';
  price_cents: number | null;
  available_from: string | null;
  available_until: string | null;
  status: 'active' | 'withdrawn';
  /** Hidden by a network coordinator (migration 0006). */
  hidden_at: string | null;
  hidden_by: number | null;
  hidden_reason: string | null;
  /** The stream occurrence it was published for (migration 0009), else null. */
  stream_id: number | null;
  stream_seq: number | null;
  /** The language it was written in (migration 0041); null reads as the author's. */
  lang: TLocale | null;
  /** The machine a machine_time listing offers (migration 0036), else null. */
  machine_id: number | null;
  /** Its photos, `[id, content_type, bytes]` each, in order (migration 0050's triggers); null when none. */
  photos: string | null;
  created_at: string;
  updated_at: string;
  // Read-model columns joined for display.
  hub_slug: string;
  hub_name: string;
  hub_city: string;
  hub_country: string;
  hub_kind: string;
  hub_lat: number;
  hub_lon: number;
  author_name: string;
  /** `lang`, else the author's language. */
  content_lang: TLocale;
  metres: number | null;
  rank: number;
};

/** What the repo writes: the offer and the language it is written in. */
export type ListingWrite = ListingValues & { lang: TLocale };

const COLUMNS: Record<keyof ListingWrite, string> = {
  kind: 'kind',
  title: 'title',
  description: 'description',
  category: 'category',
  quantityMilli: 'quantity_milli',
  unit: 'unit',
  lengthMm: 'length_mm',
  widthMm: 'width_mm',
  thicknessMm: 'thickness_mm',
  condition: 'condition',
  priceType: 'price_type',
  priceCents: 'price_cents',
  availableFrom: 'available_from',
  availableUntil: 'available_until',
  lang: 'lang',
  machineId: 'machine_id',
};

// The hub and author shown with every listing are joined in, so a page of results is one query.
const AUTHOR_SELECT = 'u.display_name AS author_name, COALESCE(t.lang, u.locale) AS content_lang';
const AUTHOR_JOIN = 'JOIN users u ON u.id = t.author_id';
const DISPLAY_SELECT = `${HUB_SHOWN_SELECT}, ${AUTHOR_SELECT}`;
const DISPLAY_JOINS = `JOIN hubs h ON h.id = t.hub_id ${AUTHOR_JOIN}`;

/**
 * Inserts a listing, unless its author already has one with this create key (a retry of the same
 * create): then nothing, and the statements after it in the batch see no change.
 */
export function insertListingStatement(
  db: D1Database,
  v: ListingWrite & { hubId: number; authorId: number; now: string; createKey: string },
): D1PreparedStatement {
  const keys = Object.keys(COLUMNS) as (keyof ListingWrite)[];
  const cols = [
    'hub_id',
    'author_id',
    'created_at',
    'updated_at',
    'create_key',
    ...keys.map((k) => COLUMNS[k]),
  ];
  const vals = [v.hubId, v.authorId, v.now, v.now, v.createKey, ...keys.map((k) => v[k] ?? null)];
  return db
    .prepare(
      `INSERT INTO listings (${cols.join(', ')}) VALUES (${cols.map((_, i) => `?${i + 1}`).join(', ')})
       ON CONFLICT (author_id, create_key) DO NOTHING`,
    )
    .bind(...vals);
}

/**
 * The SELECT (`id`) of an author's listing made by the create with this key, only when the
 * statement just before it in the batch wrote a row: the listing's event, recorded only when the
 * listing was inserted. So a retry, which inserts nothing, never adds its photos.
 */
export const CREATED_IN_THIS_BATCH =
  'SELECT id FROM listings WHERE author_id = ?1 AND create_key = ?2 AND changes() > 0';

/** The listing an author created with this key, if any. */
export async function findIdByCreateKey(
  db: D1Database,
  authorId: number,
  key: string,
): Promise<number | null> {
  const row = await db
    .prepare('SELECT id FROM listings WHERE author_id = ?1 AND create_key = ?2')
    .bind(authorId, key)
    .first<{ id: number }>();
  return row?.id ?? null;
}

/** The SELECT that holds while a listing carries a photo change's token (?1 the id, ?2 the token). */
export const HOLDS_PHOTO_TOKEN = 'SELECT 1 FROM listings WHERE id = ?1 AND photos_token = ?2';

export async function findListing(db: D1Database, id: number): Promise<ListingRow | null> {
  return db
    .prepare(
      `SELECT t.*, ${DISPLAY_SELECT}, NULL AS metres, 0 AS rank FROM listings t ${DISPLAY_JOINS} WHERE t.id = ?1`,
    )
    .bind(id)
    .first<ListingRow>();
}

/**
 * The statement applying an edit while the listing is still active (and, for a new quantity, not
 * below what exchanges hold). `also` adds columns to set and conditions to meet, its parameters
 * numbered ?1, ?2 … on their own (a photo change sets its token while the photos are those read).
 */
export function updateListingStatement(
  db: D1Database,
  id: number,
  patch: Partial<ListingWrite>,
  now: string,
  also: { sets: string[]; where: string[]; binds: unknown[] } = { sets: [], where: [], binds: [] },
): D1PreparedStatement {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS)) {
    const v = patch[key as keyof ListingWrite];
    if (v === undefined) continue;
    values.push(v);
    sets.push(`${column} = ?${values.length + 2}`);
  }
  // A new quantity may not fall below what exchanges already hold (the value bound above).
  const q = patch.quantityMilli === undefined ? -1 : values.indexOf(patch.quantityMilli);
  const keepsReserved = q < 0 ? '' : ` AND quantity_reserved_milli <= ?${q + 3}`;
  const shift = (sql: string) =>
    sql.replace(/\?(\d+)/g, (_, n: string) => `?${Number(n) + values.length + 2}`);
  const allSets = [...sets, ...also.sets.map(shift)];
  const allWhere = also.where.map((w) => ` AND ${shift(w)}`).join('');
  return db
    .prepare(
      `UPDATE listings SET updated_at = ?2${allSets.map((s) => `, ${s}`).join('')}
       WHERE id = ?1 AND status = 'active'${keepsReserved}${allWhere}`,
    )
    .bind(id, now, ...values, ...also.binds);
}

/** Applies an edit only while the listing is still active; false when it no longer was. */
export async function updateListing(
  db: D1Database,
  id: number,
  patch: Partial<ListingValues>,
  now: string,
  event?: D1PreparedStatement,
): Promise<boolean> {
  const [r] = await db.batch([updateListingStatement(db, id, patch, now), ...(event ? [event] : [])]);
  return (r?.meta.changes ?? 0) > 0;
}

export async function withdrawListing(
  db: D1Database,
  id: number,
  now: string,
  event?: D1PreparedStatement,
): Promise<boolean> {
  const [r] = await db.batch([
    db
      .prepare(
        `UPDATE listings SET status = 'withdrawn', updated_at = ?2 WHERE id = ?1 AND status = 'active'`,
      )
      .bind(id, now),
    ...(event ? [event] : []),
  ]);
  return (r?.meta.changes ?? 0) > 0;
}

/** What a listing search filters by, beside its text and place. */
export type ListingSearchFilters = {
  /** Today (YYYY-MM-DD): listings whose availability ended before it are left out. */
  today: string;
  kind?: TListingKind;
  condition?: TCondition;
  category?: string;
  hubId?: number | null;
  /** Leave out these hubs' rows (search.service `notHubIds`: only when no hubs are read for the search). */
  notHubIds?: number[] | null;
  price?: 'free' | 'swap' | 'priced';
  /** Still available on this date. */
  availableBy?: string;
  /** A part of this size fits: length × width at least these (either way round), thickness ± allowance. */
  fits?: { lengthMm: number; widthMm: number; thicknessMm: number | null; allowanceMm: number };
};

const PRICE_TYPE = { free: 'free', swap: 'swap', priced: 'amount' } as const;

/**
 * The WHERE fragments of a listing search: only what can be found (active, shown, not all taken).
 * A filter with a `hubScan` lists its hubs first near a point: search.service `ringFirst` names it too.
 */
export function listingSearchConditions(f: ListingSearchFilters): Condition[] {
  const where: Condition[] = [
    { sql: "t.status = 'active'", values: [] },
    { sql: 't.hidden_at IS NULL', values: [] },
    // A listing whose every unit is promised to exchanges is taken: nothing left to find.
    { sql: 't.quantity_milli > t.quantity_reserved_milli', values: [] },
    { sql: '(t.available_until IS NULL OR t.available_until >= ?)', values: [f.today] },
  ];
  if (f.kind)
    where.push({ sql: 't.kind = ?', values: [f.kind], hubScan: { column: 'kind', values: [f.kind] } });
  if (f.condition)
    where.push({
      sql: 't.condition = ?',
      values: [f.condition],
      hubScan: { column: 'condition', values: [f.condition] },
    });
  if (f.category) where.push(categoryCondition(f.category));
  // One hub's rows near a point: that hub alone is read, no ring of hubs round the point.
  if (f.hubId != null)
    where.push({ sql: 't.hub_id = ?', values: [f.hubId], hubScan: { column: 'hub_id', values: [f.hubId] } });
  if (f.notHubIds) where.push(notHubsCondition(f.notHubIds));
  if (f.price)
    where.push({
      sql: 't.price_type = ?',
      values: [PRICE_TYPE[f.price]],
      hubScan: { column: 'price_type', values: [PRICE_TYPE[f.price]] },
    });
  if (f.availableBy)
    where.push({
      sql: '(t.available_from IS NULL OR t.available_from <= ?) AND (t.available_until IS NULL OR t.available_until >= ?)',
      values: [f.availableBy, f.availableBy],
    });
  if (f.fits) {
    const long = Math.max(f.fits.lengthMm, f.fits.widthMm);
    const short = Math.min(f.fits.lengthMm, f.fits.widthMm);
    where.push({
      // Only a listing with both sizes can fit (`sized`, migration 0052, with its own index).
      sql: 't.sized = 1 AND max(t.length_mm, t.width_mm) >= ? AND min(t.length_mm, t.width_mm) >= ?',
      values: [long, short],
      hubScan: { column: 'sized', values: [1] },
    });
    // As matching: a sheet of unknown thickness may still do.
    if (f.fits.thicknessMm !== null)
      where.push({
        sql: '(t.thickness_mm IS NULL OR abs(t.thickness_mm - ?) <= ?)',
        values: [f.fits.thicknessMm, f.fits.allowanceMm + 1e-9],
      });
  }
  return where;
}

export async function searchListings(
  db: D1Database,
  o: Omit<SearchSqlOptions, 'table' | 'select' | 'joins' | 'where'> & { filters: ListingSearchFilters },
): Promise<ListingRow[]> {
  const { filters, ...search } = o;
  return runSearch<ListingRow>(db, {
    ...search,
    where: listingSearchConditions(filters),
    table: 'listings',
    select: DISPLAY_SELECT,
    joins: DISPLAY_JOINS,
    hubless: { select: AUTHOR_SELECT, joins: AUTHOR_JOIN },
  });
}

/**
 * The statement that changes a listing's reserved quantity by `deltaMilli`, for an exchange's
 * batch: it applies only where that exchange carries the batch's action token, i.e. only when
 * the exchange's own move applied in the same batch.
 */
export function adjustReservedStatement(
  db: D1Database,
  o: { listingId: number; deltaMilli: number; exchangeId: number; token: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE listings SET quantity_reserved_milli = quantity_reserved_milli + ?2
       WHERE id = ?1 AND EXISTS (SELECT 1 FROM exchanges WHERE id = ?3 AND action_token = ?4)`,
    )
    .bind(o.listingId, o.deltaMilli, o.exchangeId, o.token);
}

/** Hides or restores a listing inside moderation's batch; applies at most once per change. */
export function setHiddenStatement(
  db: D1Database,
  o: { id: number; hide: boolean; by: number; reason: string; now: string },
): D1PreparedStatement {
  return o.hide
    ? db
        .prepare(
          `UPDATE listings SET hidden_at = ?2, hidden_by = ?3, hidden_reason = ?4
           WHERE id = ?1 AND hidden_at IS NULL`,
        )
        .bind(o.id, o.now, o.by, o.reason)
    : db
        .prepare(
          `UPDATE listings SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL
           WHERE id = ?1 AND hidden_at IS NOT NULL`,
        )
        .bind(o.id);
}

/**
 * Publishes one occurrence of a stream as a listing, with the stream's offer: only while the
 * stream is active and the occurrence unpublished (the unique back link refuses a second).
 */
export function insertOccurrenceStatement(
  db: D1Database,
  o: { streamId: number; seq: number; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
         length_mm, width_mm, thickness_mm, condition, price_type, price_cents, available_from, available_until,
         status, created_at, updated_at, stream_id, stream_seq, lang)
       SELECT s.hub_id, s.author_id, s.kind, s.title, s.description, s.category, s.quantity_milli, s.unit,
         s.length_mm, s.width_mm, s.thickness_mm, s.condition, s.price_type, s.price_cents, o.due_date, NULL,
         'active', ?3, ?3, s.id, o.seq, (SELECT locale FROM users WHERE id = s.author_id)
       FROM streams s JOIN stream_occurrences o ON o.stream_id = s.id AND o.seq = ?2
       WHERE s.id = ?1 AND s.status = 'active' AND o.listing_id IS NULL
       ON CONFLICT DO NOTHING
       RETURNING id`,
    )
    .bind(o.streamId, o.seq, o.now);
}

/** Moves an import's staged rows into listings with one statement: all of them or none. */
export function insertImportedStatement(
  db: D1Database,
  o: { importId: number; hubId: number; authorId: number; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO listings (hub_id, author_id, kind, title, description, category, quantity_milli, unit,
         length_mm, width_mm, thickness_mm, condition, price_type, price_cents, available_from, available_until,
         status, created_at, updated_at, import_id, lang)
       SELECT ?2, ?3, kind, title, description, category, quantity_milli, unit, length_mm, width_mm, thickness_mm,
         condition, price_type, price_cents, available_from, available_until, 'active', ?4, ?4, ?1,
         (SELECT locale FROM users WHERE id = ?3)
       FROM listing_import_rows WHERE import_id = ?1 ORDER BY row_number`,
    )
    .bind(o.importId, o.hubId, o.authorId, o.now);
}

/** A hub's active, visible listings, oldest first, for the CSV export. */
export async function exportableListings(db: D1Database, hubId: number): Promise<ListingRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM listings WHERE hub_id = ?1 AND status = 'active' AND hidden_at IS NULL ORDER BY id`,
    )
    .bind(hubId)
    .all<ListingRow>();
  return results;
}
