/**
 * The search module's one table, `search_index_folds` (migration 0053), and the upkeep of the
 * five full-text indexes it folds: how many segments each holds, and a bounded merge step; the
 * look-ups of a query's words (`itemsHeld`, `listingAnswers`), and `oneTrip`, which sends reads
 * asked for together in one call. (The statements a search runs are built in `search.statements.ts`.)
 */
import { FINDABLE } from './search.statements';

/** The full-text indexes kept folded, each a name the migrations wrote (never a person's text). */
export const FULL_TEXT_INDEXES = [
  'listings_fts',
  'listings_hub_fts',
  'requests_fts',
  'requests_hub_fts',
  'listings_cat_fts', // migration 0056, last in the table's order
] as const;
export type FullTextIndex = (typeof FULL_TEXT_INDEXES)[number];

export type FoldRow = {
  name: FullTextIndex;
  folded_at: string | null;
  folding_since: string | null;
  segments_before: number;
  steps: number;
};

/**
 * The segments an index holds now (a fold under way counts its output too): one seek per segment
 * in the index's `_idx` table (segid, term), jumping from each segment to the next, never its terms.
 */
export async function segmentsOf(db: D1Database, index: FullTextIndex): Promise<number> {
  const idx = `${index}_idx`;
  const row = await db
    .prepare(
      `WITH RECURSIVE s(id) AS (
         SELECT (SELECT min(segid) FROM ${idx})
         UNION ALL
         SELECT (SELECT min(segid) FROM ${idx} WHERE segid > s.id) FROM s WHERE s.id IS NOT NULL)
       SELECT count(id) AS n FROM s`,
    )
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * One merge step: FTS5 merges all of the index's segments into one, writing at most `pages`
 * pages of it, and goes on from there at the next step (its `merge` command with a negative
 * count: segments of every level, as few as two at a time).
 */
export async function mergeStep(db: D1Database, index: FullTextIndex, pages: number): Promise<void> {
  if (!Number.isSafeInteger(pages) || pages < 1) throw new Error('pages must be a positive integer');
  await db.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('merge', ?1)`).bind(-pages).run();
}

/**
 * One tidying step: FTS5 merges segments of a level holding at least `usermerge` (2, migration
 * 0053), writing at most `pages` pages. Whether it merged anything (FTS5 counts more than one
 * change when it did).
 */
export async function tidyStep(db: D1Database, index: FullTextIndex, pages: number): Promise<boolean> {
  if (!Number.isSafeInteger(pages) || pages < 1) throw new Error('pages must be a positive integer');
  const r = await db.prepare(`INSERT INTO ${index} (${index}, rank) VALUES ('merge', ?1)`).bind(pages).run();
  return (r.meta.changes ?? 0) >= 2;
}

export async function foldRows(db: D1Database): Promise<FoldRow[]> {
  const { results } = await db
    .prepare(
      'SELECT name, folded_at, folding_since, segments_before, steps FROM search_index_folds ORDER BY rowid',
    )
    .all<FoldRow>();
  return results;
}

/** Records a fold begun (or gone on) and, when `done`, ended. */
export async function saveFold(
  db: D1Database,
  index: FullTextIndex,
  v: { now: string; done: boolean; segmentsBefore: number | null; steps: number },
): Promise<void> {
  await db
    .prepare(
      `UPDATE search_index_folds SET
         folding_since = CASE WHEN ?2 THEN NULL ELSE COALESCE(folding_since, ?3) END,
         folded_at = CASE WHEN ?2 THEN ?3 ELSE folded_at END,
         segments_before = COALESCE(?4, segments_before),
         steps = CASE WHEN ?4 IS NULL THEN steps + ?5 ELSE ?5 END
       WHERE name = ?1`,
    )
    .bind(index, v.done ? 1 : 0, v.now, v.segmentsBefore, v.steps)
    .run();
}

/**
 * Which of these full-text queries a listing's row in `listings_fts` answers, by index in the
 * list: one statement, a seek of that row per query.
 */
export async function listingAnswers(
  db: D1Database,
  listingId: number,
  matches: string[],
): Promise<Set<number>> {
  if (matches.length === 0) return new Set();
  const { results } = await db
    .prepare(
      `SELECT CAST(j.key AS INTEGER) AS i FROM json_each(?1) j
       WHERE EXISTS (SELECT 1 FROM listings_fts f WHERE listings_fts MATCH j.value AND f.rowid = ?2)`,
    )
    .bind(JSON.stringify(matches), listingId)
    .all<{ i: number }>();
  return new Set(results.map((r) => r.i));
}

/** What `itemsHeld` says when no row holds a query's items all together. */
export type ItemsHeld = {
  /** The items some row holds (indexes into the items). */
  held: number[];
  /**
   * Whether the held items are apart: every item is held (the whole being nowhere), or two or more
   * are and no row holds them together.
   */
  apart: boolean;
  /**
   * When the held items are apart: the held shapes (`forms`) that some row holds together with
   * every held material, when one row holds those forms and materials all at once; else none.
   */
  withMaterials: number[];
};

/**
 * Which of a query's items some row of `table` that search finds holds, and how (`ItemsHeld`), or
 * null when one row holds them all (`whole`, their AND): one statement, whose items are looked up
 * only when the whole is nowhere, and the shapes (`forms`, indexes into `items`) with the
 * materials only when the held items are apart. Only rows search finds count (active listings,
 * open requests, neither hidden by a coordinator): a word held only by a withdrawn listing is left
 * out, as it would find nothing. The same statement says which of `joined` (queries an item may do
 * without: its Dutch compounds) any row of the index holds (`joinedHeld`, indexes into `joined`): a
 * seek per term, whatever the rows' status, so a superset of what search finds.
 */
export async function itemsHeld(
  db: D1Database,
  table: 'listings' | 'requests',
  whole: string,
  items: string[],
  forms: number[] = [],
  joined: string[] = [],
): Promise<{ apart: ItemsHeld | null; joinedHeld: number[] }> {
  const fts = `${table}_fts`;
  // The index's rows in its order, each looked up by id until one is findable (CROSS JOIN keeps
  // the index outside: never a scan of the table probing the index row by row).
  const findable = (match: string) =>
    `EXISTS (SELECT 1 FROM ${fts} f CROSS JOIN ${table} t ON t.id = f.rowid
             WHERE ${fts} MATCH ${match} AND t.status = '${FINDABLE[table]}' AND t.hidden_at IS NULL)`;
  // h: the items held; s: their AND, and the AND of the materials among them; a: whether they are
  // apart (every item held, the whole being nowhere; or two or more, and no row holds them); w:
  // the shapes some row holds with the materials, each on its own.
  const row = await db
    .prepare(
      `SELECT CASE WHEN ${findable('?1')} THEN NULL ELSE (
         WITH h AS MATERIALIZED (
                SELECT j.key AS k, j.value AS v, j.key IN (SELECT value FROM json_each(?3)) AS form
                FROM json_each(?2) j WHERE ${findable('j.value')}),
              s AS MATERIALIZED (
                SELECT json_group_array(k) AS held, count(*) AS n,
                       group_concat('(' || v || ')', ' AND ') AS whole,
                       group_concat(CASE WHEN NOT form THEN '(' || v || ')' END, ' AND ') AS materials
                FROM h),
              a AS MATERIALIZED (
                SELECT s.*, CASE WHEN s.n = json_array_length(?2) THEN 1
                                 WHEN s.n > 1 THEN NOT ${findable('s.whole')}
                                 ELSE 0 END AS apart
                FROM s),
              w AS MATERIALIZED (
                SELECT h.k, h.v FROM h CROSS JOIN a
                WHERE h.form AND a.apart AND a.materials IS NOT NULL
                  AND ${findable("a.materials || ' AND (' || h.v || ')'")})
         SELECT json_object('held', json(a.held), 'apart', a.apart,
                  'withMaterials', CASE
                    WHEN (SELECT count(*) FROM w) < 2 THEN (SELECT json_group_array(k) FROM w)
                    WHEN ${findable("a.materials || ' AND ' || (SELECT group_concat('(' || v || ')', ' AND ') FROM w)")}
                      THEN (SELECT json_group_array(k) FROM w)
                    ELSE json_array() END)
         FROM a) END AS held,
         (SELECT json_group_array(j.key) FROM json_each(?4) j
          WHERE EXISTS (SELECT 1 FROM ${fts} f WHERE ${fts} MATCH j.value)) AS joined`,
    )
    .bind(whole, JSON.stringify(items), JSON.stringify(forms), JSON.stringify(joined))
    .first<{ held: string | null; joined: string }>();
  const joinedHeld = JSON.parse(row?.joined ?? '[]') as number[];
  if (row?.held == null) return { apart: null, joinedHeld };
  const out = JSON.parse(row.held) as { held: number[]; apart: number; withMaterials: number[] };
  return { apart: { held: out.held, apart: out.apart === 1, withMaterials: out.withMaterials }, joinedHeld };
}

// ---------- one call to D1 for reads that do not wait on each other ----------
// A search near a point asks which of its words some row holds and reads its first ring of hubs
// in one call (search.service `resolveSearch`), where each was a round trip of its own.

type Pending = { stmt: D1PreparedStatement; resolve: (r: D1Result) => void; reject: (e: unknown) => void };

/** The D1 statement a statement of `oneTrip` stands for (to send it in a batch of the real database). */
const INNER = new WeakMap<object, D1PreparedStatement>();

/**
 * `db`, whose statements asked for within one turn of the event loop (before the asker awaits
 * anything) go to D1 together as one batch: one call, one round trip, each statement's result to
 * its own asker as if it had gone alone (`first()`, `all()`, `run()`). A statement asked for alone
 * goes alone. For reads only: a batch is one transaction, and one failing statement fails every
 * asker of its batch. `raw()` is not batched.
 *
 * With `first` (2 or more), the first batch waits for that many statements, however many turns
 * apart they are asked for (a look-up asked early, and a page asked once its statement is built),
 * or at most until the next task of the event loop: then what was asked goes.
 */
export function oneTrip(db: D1Database, first = 1): D1Database {
  let queue: Pending[] = [];
  let waitFor = first;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    waitFor = 1;
    const sent = queue;
    queue = [];
    if (sent.length === 0) return;
    if (sent.length === 1) {
      const [p] = sent as [Pending];
      p.stmt.all().then(p.resolve, p.reject);
      return;
    }
    db.batch(sent.map((p) => p.stmt)).then(
      (results) => sent.forEach((p, i) => p.resolve(results[i]!)),
      (e: unknown) => sent.forEach((p) => p.reject(e)),
    );
  };
  const ask = (stmt: D1PreparedStatement) =>
    new Promise<D1Result>((resolve, reject) => {
      queue.push({ stmt, resolve, reject });
      if (waitFor > 1) {
        if (queue.length >= waitFor) flush();
        else timer ??= setTimeout(flush, 0);
      } else if (queue.length === 1) queueMicrotask(flush);
    });
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      all: () => ask(stmt),
      run: () => ask(stmt),
      first: async (column?: string) => {
        const row = ((await ask(stmt)).results[0] ?? null) as Record<string, unknown> | null;
        return column === undefined ? row : (row?.[column] ?? null);
      },
      raw: (options?: { columnNames?: boolean }) =>
        (stmt.raw as (o?: { columnNames?: boolean }) => Promise<unknown[]>)(options),
    };
    INNER.set(wrapped, stmt);
    return wrapped as unknown as D1PreparedStatement;
  };
  const wrapped = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: <T>(stmts: D1PreparedStatement[]) => db.batch<T>(stmts.map((s) => INNER.get(s) ?? s)),
    exec: (sql: string) => db.exec(sql),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  };
  return wrapped as unknown as D1Database;
}
