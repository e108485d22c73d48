/**
 * Backup and restore of a whole D1 database with plain SQL: read every data table into one JSON
 * document, write it into another database in foreign-key order, compare the two row by row.
 * The FTS5 indexes are not copied: the insert triggers rebuild them; nor are the tables the
 * triggers keep or the migrations write (`DERIVED_TABLES`).
 */

type Value = string | number | null;
export type TableDump = { columns: string[]; key: string[]; rows: Value[][] };
export type Dump = { tables: Record<string, TableDump> };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Tables a backup leaves out: those the triggers keep from other tables' rows (migration 0059's
 * hub counts and 0061's hubs per map cell: rebuilt as the rows are restored, so copying them too
 * would count every row twice), and those the migrations write from the code's own data (0058's city names, from
 * src/shared/places.ts: there before any row is restored, for the triggers that read them).
 */
export const DERIVED_TABLES = ['city_names', 'hub_counts', 'hub_map_cells'];

/** Every data table: not SQLite's or D1's bookkeeping, not the FTS tables and their shadows, not derived tables. */
export async function dataTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
         AND name <> 'd1_migrations' AND name NOT LIKE '%\\_fts' ESCAPE '\\'
         AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'
       ORDER BY name`,
    )
    .all<{ name: string }>();
  return results.map((r) => r.name).filter((t) => !DERIVED_TABLES.includes(t));
}

export async function ftsTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
    .all<{ name: string }>();
  return results.map((r) => r.name).sort();
}

async function columnsOf(db: D1Database, table: string) {
  const { results } = await db.prepare(`PRAGMA table_info(${q(table)})`).all<{ name: string; pk: number }>();
  return {
    columns: results.map((c) => c.name),
    key: results
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
  };
}

/** Tables each table points to with a foreign key (itself left out). */
export async function dependencies(db: D1Database, tables: string[]): Promise<Map<string, Set<string>>> {
  const deps = new Map<string, Set<string>>();
  for (const t of tables) {
    const { results } = await db.prepare(`PRAGMA foreign_key_list(${q(t)})`).all<{ table: string }>();
    deps.set(t, new Set(results.map((r) => r.table).filter((p) => p !== t)));
  }
  return deps;
}

/** Parents before children; throws on a cycle between tables. */
export function fkOrder(deps: Map<string, Set<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string, path: string[]) => {
    if (state.get(t) === 'done') return;
    if (state.get(t) === 'visiting') throw new Error(`foreign-key cycle: ${[...path, t].join(' -> ')}`);
    state.set(t, 'visiting');
    for (const p of [...(deps.get(t) ?? [])].sort()) if (deps.has(p)) visit(p, [...path, t]);
    state.set(t, 'done');
    order.push(t);
  };
  for (const t of [...deps.keys()].sort()) visit(t, []);
  return order;
}

/** `SELECT *` in a stable order: by primary key, or by every column when there is none. */
export async function readTable(db: D1Database, table: string): Promise<TableDump> {
  const { columns, key } = await columnsOf(db, table);
  const orderBy = (key.length > 0 ? key.map(q) : columns.map((_, i) => String(i + 1))).join(', ');
  const rows = await db
    .prepare(`SELECT ${columns.map(q).join(', ')} FROM ${q(table)} ORDER BY ${orderBy}`)
    .raw<Value[]>();
  for (const row of rows)
    for (const v of row)
      if (v !== null && typeof v !== 'string' && typeof v !== 'number')
        throw new Error(`${table}: a value JSON cannot carry (${typeof v})`);
  return { columns, key, rows };
}

/** The backup: every data table, as a JSON document. */
export async function exportDatabase(db: D1Database): Promise<string> {
  const tables: Record<string, TableDump> = {};
  for (const t of await dataTables(db)) tables[t] = await readTable(db, t);
  return JSON.stringify({ tables } satisfies Dump);
}

/**
 * Writes a backup into `db`, whose tables must all be empty, in one batch (one transaction):
 * tables in foreign-key order, rows in key order. A row pointing forward to a row of its own
 * table (a superseded figure pointing to the revision after it) is inserted with that column
 * empty and updated once the whole table is in.
 */
export async function importDatabase(db: D1Database, json: string, order: string[]): Promise<number> {
  const { tables } = JSON.parse(json) as Dump;
  const statements: D1PreparedStatement[] = [];
  const later: D1PreparedStatement[] = [];
  for (const t of order) {
    const dump = tables[t];
    if (!dump) throw new Error(`the backup has no table ${t}`);
    const selfRefs = (
      await db.prepare(`PRAGMA foreign_key_list(${q(t)})`).all<{ table: string; from: string; to: string }>()
    ).results.filter((fk) => fk.table === t);
    const insert = `INSERT INTO ${q(t)} (${dump.columns.map(q).join(', ')}) VALUES (${dump.columns
      .map((_, i) => `?${i + 1}`)
      .join(', ')})`;
    const seen = new Set<string>();
    const keyOf = (row: Value[], cols: string[]) =>
      JSON.stringify(cols.map((c) => row[dump.columns.indexOf(c)]));
    const targets = new Map(selfRefs.map((fk) => [fk.from, fk.to]));
    for (const row of dump.rows) {
      const values = [...row];
      for (const [from, to] of targets) {
        const i = dump.columns.indexOf(from);
        const v = values[i];
        if (v === null || v === undefined) continue;
        // Only single-column keys point within a table here; forward references wait.
        if (!seen.has(`${to}:${JSON.stringify([v])}`)) {
          values[i] = null;
          later.push(
            db
              .prepare(
                `UPDATE ${q(t)} SET ${q(from)} = ?1 WHERE ${dump.key.map((k, j) => `${q(k)} = ?${j + 2}`).join(' AND ')}`,
              )
              .bind(v, ...dump.key.map((k) => row[dump.columns.indexOf(k)])),
          );
        }
      }
      for (const to of new Set(targets.values())) seen.add(`${to}:${keyOf(row, [to])}`);
      statements.push(db.prepare(insert).bind(...values));
    }
  }
  if (statements.length + later.length > 0) await db.batch([...statements, ...later]);
  return statements.length;
}
