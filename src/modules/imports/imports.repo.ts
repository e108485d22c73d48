/** All SQL of bulk imports: the import record, its staged rows and the remembered mapping. */
import type { ListingValues } from '../listings/listings.domain';

export type ImportRow = {
  id: number;
  hub_id: number;
  created_by: number;
  status: 'staging' | 'completed' | 'failed';
  rows_total: number;
  rows_done: number;
  rows_skipped: number;
  created_at: string;
  finished_at: string | null;
};

/** Starts an import and remembers its mapping for the hub, in one batch. */
export async function createImport(
  db: D1Database,
  o: { hubId: number; userId: number; rowsTotal: number; rowsSkipped: number; mapping: string; now: string },
): Promise<number> {
  const [created] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO listing_imports (hub_id, created_by, status, rows_total, rows_skipped, created_at)
         VALUES (?1, ?2, 'staging', ?3, ?4, ?5) RETURNING id`,
      )
      .bind(o.hubId, o.userId, o.rowsTotal, o.rowsSkipped, o.now),
    db
      .prepare(
        `INSERT INTO hub_import_mappings (hub_id, mapping, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (hub_id) DO UPDATE SET mapping = excluded.mapping, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
      )
      .bind(o.hubId, o.mapping, o.userId, o.now),
  ]);
  const id = created?.results[0]?.id;
  if (id === undefined) throw new Error('insert returned no id');
  return id;
}

export type StagedRow = ListingValues & { rowNumber: number };

/** One chunk of rows into staging, and the progress counter with it (atomic per chunk). */
export function stageChunkStatements(
  db: D1Database,
  importId: number,
  rows: StagedRow[],
): D1PreparedStatement[] {
  const json = JSON.stringify(
    rows.map((r) => [
      r.rowNumber,
      r.kind,
      r.title,
      r.description,
      r.category,
      r.quantityMilli,
      r.unit,
      r.lengthMm,
      r.widthMm,
      r.thicknessMm,
      r.condition,
      r.priceType,
      r.priceCents,
      r.availableFrom,
      r.availableUntil,
    ]),
  );
  const at = (i: number) => `json_extract(value, '$[${i}]')`;
  return [
    db
      .prepare(
        `INSERT INTO listing_import_rows (import_id, row_number, kind, title, description, category, quantity_milli,
           unit, length_mm, width_mm, thickness_mm, condition, price_type, price_cents, available_from, available_until)
         SELECT ?1, ${Array.from({ length: 15 }, (_, i) => at(i)).join(', ')} FROM json_each(?2)`,
      )
      .bind(importId, json),
    db
      .prepare(`UPDATE listing_imports SET rows_done = rows_done + ?2 WHERE id = ?1 AND status = 'staging'`)
      .bind(importId, rows.length),
  ];
}

/** The import's end: completed and its staging emptied, in the same batch as the listings' insert. */
export function completeStatements(db: D1Database, importId: number, now: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE listing_imports SET status = 'completed', finished_at = ?2 WHERE id = ?1 AND status = 'staging'`,
      )
      .bind(importId, now),
    db.prepare('DELETE FROM listing_import_rows WHERE import_id = ?1').bind(importId),
  ];
}

/** Gives up an import: marked failed and its staged rows removed (no listing was created). */
export async function failImport(db: D1Database, importId: number, now: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE listing_imports SET status = 'failed', rows_done = 0, finished_at = ?2 WHERE id = ?1 AND status = 'staging'`,
      )
      .bind(importId, now),
    db.prepare('DELETE FROM listing_import_rows WHERE import_id = ?1').bind(importId),
  ]);
}

export async function findImport(db: D1Database, hubId: number, id: number): Promise<ImportRow | null> {
  return db
    .prepare('SELECT * FROM listing_imports WHERE id = ?1 AND hub_id = ?2')
    .bind(id, hubId)
    .first<ImportRow>();
}

export async function recentImports(db: D1Database, hubId: number, limit: number): Promise<ImportRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM listing_imports WHERE hub_id = ?1 ORDER BY id DESC LIMIT ?2')
    .bind(hubId, limit)
    .all<ImportRow>();
  return results;
}

export async function mappingOf(db: D1Database, hubId: number): Promise<Record<string, string> | null> {
  const row = await db
    .prepare('SELECT mapping FROM hub_import_mappings WHERE hub_id = ?1')
    .bind(hubId)
    .first<{ mapping: string }>();
  return row ? (JSON.parse(row.mapping) as Record<string, string>) : null;
}
