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
