/** The SQL of photo tables: listing, machine and outcome photos share one shape and one set of rules. */
import type { TPhoto } from '../../shared/photos.schemas';

/** A photo table and the column naming what its photos belong to. */
export type PhotoTable =
  | { table: 'listing_photos'; owner: 'listing_id' }
  | { table: 'machine_photos'; owner: 'machine_id' }
  | { table: 'outcome_photos'; owner: 'outcome_id' };

export const LISTING_PHOTOS: PhotoTable = { table: 'listing_photos', owner: 'listing_id' };
export const MACHINE_PHOTOS: PhotoTable = { table: 'machine_photos', owner: 'machine_id' };
export const OUTCOME_PHOTOS: PhotoTable = { table: 'outcome_photos', owner: 'outcome_id' };

export type PhotoRow = {
  id: number;
  owner_id: number;
  object_key: string;
  content_type: string;
  bytes: number;
};

/** Photos of several owners, in their order, with the URL each is served at. */
export async function photosOf(
  db: D1Database,
  t: PhotoTable,
  ownerIds: number[],
  url: (ownerId: number, photoId: number) => string,
): Promise<Map<number, TPhoto[]>> {
  const out = new Map<number, TPhoto[]>();
  if (ownerIds.length === 0) return out;
  const { results } = await db
    .prepare(
      `SELECT id, ${t.owner} AS owner_id, content_type, bytes FROM ${t.table}
       WHERE ${t.owner} IN (SELECT value FROM json_each(?1)) ORDER BY ${t.owner}, position`,
    )
    .bind(JSON.stringify(ownerIds))
    .all<PhotoRow>();
  for (const r of results) {
    const list = out.get(r.owner_id) ?? [];
    list.push({ id: r.id, url: url(r.owner_id, r.id), contentType: r.content_type, bytes: r.bytes });
    out.set(r.owner_id, list);
  }
  return out;
}

/** Adds a photo unless its owner already has the most it may have; the database decides. */
export async function insertPhotoIfRoom(
  db: D1Database,
  t: PhotoTable,
  p: { ownerId: number; objectKey: string; contentType: string; bytes: number; now: string; max: number },
): Promise<number | null> {
  const row = await db
    .prepare(
      `INSERT INTO ${t.table} (${t.owner}, object_key, content_type, bytes, position, created_at)
       SELECT ?1, ?2, ?3, ?4, COALESCE(MAX(position), -1) + 1, ?5 FROM ${t.table} WHERE ${t.owner} = ?1
       HAVING count(*) < ?6
       RETURNING id`,
    )
    .bind(p.ownerId, p.objectKey, p.contentType, p.bytes, p.now, p.max)
    .first<{ id: number }>();
  return row?.id ?? null;
}

export async function findPhoto(db: D1Database, t: PhotoTable, id: number): Promise<PhotoRow | null> {
  return db
    .prepare(
      `SELECT id, ${t.owner} AS owner_id, object_key, content_type, bytes FROM ${t.table} WHERE id = ?1`,
    )
    .bind(id)
    .first<PhotoRow>();
}

export async function deletePhoto(db: D1Database, t: PhotoTable, id: number): Promise<void> {
  await db.prepare(`DELETE FROM ${t.table} WHERE id = ?1`).bind(id).run();
}

/** The first photo of an owner (an outcome has one at most). */
export async function firstPhotoOf(db: D1Database, t: PhotoTable, ownerId: number): Promise<PhotoRow | null> {
  return db
    .prepare(
      `SELECT id, ${t.owner} AS owner_id, object_key, content_type, bytes FROM ${t.table}
       WHERE ${t.owner} = ?1 ORDER BY position LIMIT 1`,
    )
    .bind(ownerId)
    .first<PhotoRow>();
}

/** Renumbers `?N` parameters of a fragment by `by`, so it can follow a statement's own parameters. */
export function shiftParams(sql: string, by: number): string {
  return sql.replace(/\?(\d+)/g, (_, n: string) => `?${Number(n) + by}`);
}

/**
 * Writes the rows of photos already put in R2, for each owner the `owner` SELECT finds (its
 * own ?1, ?2 … numbering; it selects `id`): none found, nothing written.
 */
export function insertPhotosStatement(
  db: D1Database,
  t: PhotoTable,
  o: {
    owner: { sql: string; binds: unknown[] };
    photos: { objectKey: string; contentType: string; bytes: number; position: number }[];
    now: string;
  },
): D1PreparedStatement {
  const rows = o.photos.map((p) => ({ k: p.objectKey, t: p.contentType, b: p.bytes, p: p.position }));
  return db
    .prepare(
      `INSERT INTO ${t.table} (${t.owner}, object_key, content_type, bytes, position, created_at)
       SELECT o.id, json_extract(j.value, '$.k'), json_extract(j.value, '$.t'), json_extract(j.value, '$.b'),
         json_extract(j.value, '$.p'), ?2
       FROM (${shiftParams(o.owner.sql, 2)}) o, json_each(?1) j`,
    )
    .bind(JSON.stringify(rows), o.now, ...o.owner.binds);
}

/** An owner's photos in their order, with their stored keys. */
export async function photoRowsOf(db: D1Database, t: PhotoTable, ownerId: number): Promise<PhotoRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, ${t.owner} AS owner_id, object_key, content_type, bytes FROM ${t.table}
       WHERE ${t.owner} = ?1 ORDER BY position, id`,
    )
    .bind(ownerId)
    .all<PhotoRow>();
  return results;
}

/** Removes an owner's photos that are not in `keep`, while the guard holds. */
export function deleteOthersStatement(
  db: D1Database,
  t: PhotoTable,
  o: { ownerId: number; keep: number[]; guard: { sql: string; binds: unknown[] } },
): D1PreparedStatement {
  return db
    .prepare(
      `DELETE FROM ${t.table} WHERE ${t.owner} = ?1 AND id NOT IN (SELECT value FROM json_each(?2))
       AND EXISTS (${shiftParams(o.guard.sql, 2)})`,
    )
    .bind(o.ownerId, JSON.stringify(o.keep), ...o.guard.binds);
}

/** Puts the kept photos at their places in `order` (an id, or null where a new photo goes), while the guard holds. */
export function positionStatement(
  db: D1Database,
  t: PhotoTable,
  o: { ownerId: number; order: (number | null)[]; guard: { sql: string; binds: unknown[] } },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE ${t.table} SET position = (SELECT j.key FROM json_each(?2) j WHERE j.value = ${t.table}.id)
       WHERE ${t.owner} = ?1 AND id IN (SELECT value FROM json_each(?2) WHERE value IS NOT NULL)
       AND EXISTS (${shiftParams(o.guard.sql, 2)})`,
    )
    .bind(o.ownerId, JSON.stringify(o.order), ...o.guard.binds);
}

/** SQL true while the owner `ownerExpr` names has exactly the photo ids of the JSON array `?idsParam` (ascending). */
export function photoSetIsCondition(t: PhotoTable, ownerExpr: string, idsParam: number): string {
  return `(SELECT json_group_array(id) FROM (SELECT id FROM ${t.table} WHERE ${t.owner} = ${ownerExpr} ORDER BY id)) = json(?${idsParam})`;
}
