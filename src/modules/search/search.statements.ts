/**
 * The search module's SQL (it owns no table, so this is its repo in the form the house rules allow
 * other modules to use: a statement builder). The search listings and requests share: filters, optional full-text match, optional distance
 * from a point (hub distances as one JSON parameter), a stable sort and a keyset cursor, built
 * as one query, or for nearest-first without a text match as one small query per hub, and run
 * by `runSearch`. Every value is bound; only fixed SQL fragments of the caller are spliced in.
 */
import { categoryFamily, categoryWithDescendants } from '../../shared/taxonomy';
import type { Cursor } from './search.domain';

/** A WHERE fragment on `t` with `?` placeholders and their values in order. */
export type Condition = { sql: string; values: unknown[] };

export type SearchSqlOptions = {
  /** `listings` or `requests` (with `<table>_fts` beside it). */
  table: 'listings' | 'requests';
  /** Extra columns selected beside `t.*`, e.g. joins for display (applied to the page only). */
  select: string;
  /** Joins on `t` for display, applied to the page after sort and limit. */
  joins: string;
  /** WHERE fragments on `t` only, using `?` placeholders, with their values in order. */
  where: Condition[];
  fts: string | null;
  /** Distance in metres per hub id, already limited to the radius; null when no point was given. */
  hubDistances: Map<number, number> | null;
  sort: Cursor['s'];
  cursor: Cursor | null;
  limit: number;
};

/** The caller's WHERE fragments with their `?` placeholders numbered through `bind`. */
function whereSql(where: SearchSqlOptions['where'], bind: (v: unknown) => string): string[] {
  return where.map((w) => {
    let i = 0;
    return w.sql.replace(/\?/g, () => bind(w.values[i++]));
  });
}

/**
 * Hubs read per batch by nearest-first, hub by hub (one statement each): the nearest 30 first,
 * then the next 30 only if those did not fill the page.
 */
export const MAX_HUB_STATEMENTS = 30;

/**
 * Nearest first without a text match: every row of a hub is at the hub's distance, so a page is
 * the newest rows of the nearest hubs. One statement per hub within reach, nearest first, each
 * reading at most a page of that hub's newest matching rows (ids only) through the hub's index,
 * with its distance; null when this does not apply (the general query is used).
 */
export function nearestPerHubSql(
  o: SearchSqlOptions,
): { sql: string; values: unknown[]; metres: number }[] | null {
  if (o.sort !== 'nearest' || o.fts || !o.hubDistances) return null;
  const c = o.cursor?.s === 'nearest' ? o.cursor : null;
  const out: { sql: string; values: unknown[]; metres: number }[] = [];
  for (const [hubId, metres] of [...o.hubDistances].sort((a, b) => a[1] - b[1] || a[0] - b[0])) {
    if (c && metres < c.d) continue; // earlier pages showed this hub whole
    const values: unknown[] = [];
    const bind = (v: unknown) => {
      values.push(v);
      return `?${values.length}`;
    };
    const conditions = [`t.hub_id = ${bind(hubId)}`, ...whereSql(o.where, bind)];
    if (c && metres === c.d) conditions.push(`t.id < ${bind(c.id)}`);
    out.push({
      sql: `SELECT t.id, ${bind(metres)} AS metres FROM ${o.table} t WHERE ${conditions.join(' AND ')}
        ORDER BY t.id DESC LIMIT ${bind(o.limit + 1)}`,
      values,
      metres,
    });
  }
  return out;
}

/**
 * Runs a search: one statement, or for nearest-first without a text match one small statement per
 * hub in a batch, then the page's rows with their display joins. Rows come back in page order,
 * one more than the page when there is more.
 */
export async function runSearch<T extends { id: number }>(
  db: D1Database,
  o: SearchSqlOptions,
): Promise<(T & { metres: number | null; rank: number })[]> {
  type Row = T & { metres: number | null; rank: number };
  const perHub = nearestPerHubSql(o);
  if (!perHub) {
    const { sql, values } = relevanceBandsSql(o) ?? buildSearchSql(o);
    return (
      await db
        .prepare(sql)
        .bind(...values)
        .all<Row>()
    ).results;
  }
  if (perHub.length === 0) return [];
  // Batches of the nearest hubs until the page is full. Rows of a farther hub cannot come before
  // a full page of nearer ones; hubs at the same distance as the last one read go in the same batch.
  const found: { id: number; metres: number }[] = [];
  let next = 0;
  while (next < perHub.length && found.length < o.limit + 1) {
    let end = Math.min(perHub.length, next + MAX_HUB_STATEMENTS);
    while (end < perHub.length && perHub[end]!.metres === perHub[end - 1]!.metres) end++;
    const batch = perHub.slice(next, end);
    next = end;
    found.push(
      ...(
        await db.batch<{ id: number; metres: number }>(batch.map((s) => db.prepare(s.sql).bind(...s.values)))
      ).flatMap((r) => r.results),
    );
  }
  const page = found.sort((a, b) => a.metres - b.metres || b.id - a.id).slice(0, o.limit + 1);
  if (page.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT t.*, ${o.select} FROM ${o.table} t ${o.joins} WHERE t.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(page.map((p) => p.id)))
    .all<T>();
  const byId = new Map(results.map((r) => [r.id, r]));
  return page.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [{ ...row, metres: p.metres, rank: 0 }] : [];
  });
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
  return [title, `(${named}) NOT (${title})`, `(${fts}) NOT (${named})`];
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
 * full-text index (its rowid order), at most a page of each, merged in one statement with the
 * page's display joins. Rows read stay near three pages whatever the number of matches (plus the
 * rows a filter drops on the way). Null when this does not apply.
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
  const parts = relevanceBands(o.fts).flatMap((expr, band) => {
    if (c && band < c.r) return []; // earlier pages showed this band whole
    const conditions = [`${idx} MATCH ${bind(expr)}`, ...whereSql(o.where, bind)];
    if (c && band === c.r) conditions.push(`t.id < ${bind(c.id)}`);
    return [
      `SELECT * FROM (SELECT ${band} AS rank, t.id AS id FROM ${idx} JOIN ${o.table} t ON t.id = ${idx}.rowid
        WHERE ${conditions.join(' AND ')} ORDER BY ${idx}.rowid DESC LIMIT ${bind(o.limit + 1)})`,
    ];
  });
  if (parts.length === 0) parts.push('SELECT 0 AS rank, 0 AS id WHERE 0');
  const sql = `WITH found AS (${parts.join(' UNION ALL ')}),
    page AS (SELECT rank, id FROM found ORDER BY rank, id DESC LIMIT ${bind(o.limit + 1)})
    SELECT t.*, ${o.select}, page.rank AS rank, NULL AS metres
    FROM page JOIN ${o.table} t ON t.id = page.id ${o.joins} ORDER BY page.rank, page.id DESC`;
  return { sql, values };
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
  // Words and a place with few hubs in reach: read the rows of those hubs (their index) and check
  // each against the full-text index by rowid, instead of every match in the network.
  const fromHubs = Boolean(o.fts && o.hubDistances && o.hubDistances.size <= MAX_HUB_STATEMENTS);
  const from =
    o.fts && !fromHubs ? `FROM ${fts} JOIN ${o.table} t ON t.id = ${fts}.rowid` : `FROM ${o.table} t`;
  const conditions: string[] = [];
  if (fromHubs) {
    conditions.push('t.hub_id IN (SELECT hub_id FROM dist)');
    conditions.push(`EXISTS (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ${bind(o.fts)} AND rowid = t.id)`);
  } else if (o.fts) conditions.push(`${fts} MATCH ${bind(o.fts)}`);
  conditions.push(...whereSql(o.where, bind));

  // The display joins (o.select, o.joins) apply to the page only, after the sort and LIMIT: a
  // search that ranks thousands of matches does not look up a hub and an author for each.
  const inner = `SELECT t.*
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
 * The WHERE fragment of a category filter on `t` (listings or requests): a whole family through
 * the generated `family` column and its (family, status, id) index, one page of one range; a
 * narrower category as its list of categories (itself and its descendants).
 */
export function categoryCondition(category: string): Condition {
  if (categoryFamily(category) === category) return { sql: 't.family = ?', values: [category] };
  const cats = categoryWithDescendants(category);
  return { sql: `t.category IN (${cats.map(() => '?').join(', ')})`, values: cats };
}
