/**
 * Builds the one search query shape listings and requests share: filters, optional full-text
 * match, optional distance from a point (via a VALUES table of hub distances), a stable sort and
 * a keyset cursor. Every value is bound; only fixed SQL fragments of the caller are spliced in.
 */
import type { Cursor } from './search.domain';

export type SearchSqlOptions = {
  /** `listings` or `requests` (with `<table>_fts` beside it). */
  table: 'listings' | 'requests';
  /** Extra columns selected beside `t.*`, e.g. joins for display (applied to the page only). */
  select: string;
  /** Joins on `t` for display, applied to the page after sort and limit. */
  joins: string;
  /** WHERE fragments on `t` only, using `?` placeholders, with their values in order. */
  where: { sql: string; values: unknown[] }[];
  fts: string | null;
  /** Distance in metres per hub id, already limited to the radius; null when no point was given. */
  hubDistances: Map<number, number> | null;
  sort: Cursor['s'];
  cursor: Cursor | null;
  limit: number;
};

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
  const from = o.fts ? `FROM ${fts} JOIN ${o.table} t ON t.id = ${fts}.rowid` : `FROM ${o.table} t`;
  const conditions: string[] = [];
  if (o.fts) conditions.push(`${fts} MATCH ${bind(o.fts)}`);
  for (const w of o.where) {
    let i = 0;
    conditions.push(w.sql.replace(/\?/g, () => bind(w.values[i++])));
  }

  // The display joins (o.select, o.joins) apply to the page only, after the sort and LIMIT: a
  // search that ranks thousands of matches does not look up a hub and an author for each.
  const inner = `SELECT t.*
      ${o.hubDistances ? ', dist.metres AS metres' : ', NULL AS metres'}
      ${o.fts ? `, bm25(${fts}) AS rank` : ', 0 AS rank'}
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
    order = 'rank ASC, id DESC';
    if (c?.s === 'relevance')
      after = `WHERE rank > ${bind(c.r)} OR (rank = ${bind(c.r)} AND id < ${bind(c.id)})`;
  } else if (c?.s === 'newest') {
    after = `WHERE id < ${bind(c.id)}`;
  }

  const page = `SELECT * FROM (${inner}) ${after} ORDER BY ${order} LIMIT ${bind(o.limit + 1)}`;
  const pageOrder = order.replace(/\b(metres|rank|id)\b/g, 't.$1');
  const sql = `${distanceCte}SELECT t.*, ${o.select} FROM (${page}) t ${o.joins} ORDER BY ${pageOrder}`;
  return { sql, values };
}
