/**
 * Benchmark instrumentation, off unless the Worker runs with the var BENCH_METRICS = "1" (only
 * `npm run bench` passes it, with `wrangler dev --var BENCH_METRICS:1`; wrangler.toml never sets
 * it). When on, env.DB is wrapped for the request: every statement's D1 meta.rows_read and the
 * rows it returned are summed, and the statements (SQL, parameters, rows) go back in headers:
 *
 *   Server-Timing: d1;desc="rows_read=R rows_returned=N statements=S"
 *   X-Bench-SQL: base64 of JSON [{ sql, params, rowsRead, rowsReturned, n }] (same SQL merged)
 *
 * so the benchmark can compare rows read with rows returned and EXPLAIN each statement.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../env';

export type BenchStatement = {
  sql: string;
  params: unknown[];
  rowsRead: number;
  rowsReturned: number;
  /** How many times this SQL text ran in the request (figures are summed over them). */
  n: number;
};

type Log = Map<string, BenchStatement>;

/** Calls to D1 (round trips): a statement alone is one, a batch of any number one. */
export type Trips = { n: number };

// Headers stay under the 16 KB a Node client accepts by default.
const MAX_HEADER_CHARS = 12_000;
const MAX_PARAM_CHARS = 2_000;

function note(log: Log, sql: string, params: unknown[], r: D1Result | undefined) {
  const rowsRead = r?.meta?.rows_read ?? 0;
  const rowsReturned = Array.isArray(r?.results) ? r.results.length : 0;
  const seen = log.get(sql);
  if (seen) {
    seen.rowsRead += rowsRead;
    seen.rowsReturned += rowsReturned;
    seen.n += 1;
  } else log.set(sql, { sql, params, rowsRead, rowsReturned, n: 1 });
}

type Recorded = D1PreparedStatement & { inner: D1PreparedStatement; sql: string; params: unknown[] };

function statement(
  log: Log,
  inner: D1PreparedStatement,
  sql: string,
  params: unknown[],
  trips: Trips,
): Recorded {
  const s = {
    inner,
    sql,
    params,
    bind: (...p: unknown[]) => statement(log, inner.bind(...p), sql, p, trips),
    all: async () => {
      trips.n++;
      const r = await inner.all();
      note(log, sql, params, r);
      return r;
    },
    run: async () => {
      trips.n++;
      const r = await inner.run();
      note(log, sql, params, r);
      return r;
    },
    // first() reads the same rows as all() (D1 runs the whole statement either way); all() has meta.
    first: async (col?: string) => {
      trips.n++;
      const r = await inner.all<Record<string, unknown>>();
      note(log, sql, params, r);
      const row = r.results[0] ?? null;
      return col === undefined ? row : (row?.[col] ?? null);
    },
    raw: async (o?: { columnNames?: boolean }) => {
      trips.n++;
      const r = await inner.all<Record<string, unknown>>();
      note(log, sql, params, r);
      const rows = r.results.map((row) => Object.values(row));
      return o?.columnNames ? [Object.keys(r.results[0] ?? {}), ...rows] : rows;
    },
  };
  return s as unknown as Recorded;
}

/** env.DB with every statement recorded into `log`, and its calls to D1 counted in `trips`. */
export function recordingDb(db: D1Database, log: Log, trips: Trips = { n: 0 }): D1Database {
  const wrapped = {
    prepare: (sql: string) => statement(log, db.prepare(sql), sql, [], trips),
    batch: async <T>(stmts: D1PreparedStatement[]) => {
      trips.n++;
      const recorded = stmts as Recorded[];
      const rs = await db.batch<T>(recorded.map((s) => s.inner ?? s));
      rs.forEach((r, i) => note(log, recorded[i]?.sql ?? '?', recorded[i]?.params ?? [], r));
      return rs;
    },
    exec: (sql: string) => db.exec(sql),
    withSession: () => {
      throw new Error('withSession is not recorded');
    },
    dump: () => db.dump(),
  };
  return wrapped as unknown as D1Database;
}

/** Base64 of a string's UTF-8 bytes. */
function base64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const cut = (p: unknown) =>
  typeof p === 'string' && p.length > MAX_PARAM_CHARS ? `${p.slice(0, MAX_PARAM_CHARS)}…` : p;

function sqlHeader(statements: BenchStatement[]): string {
  const list = statements.map((s) => ({ ...s, params: s.params.map(cut) }));
  let encoded = base64(JSON.stringify(list));
  // Keep the heaviest statements when the list is too long for a header.
  if (encoded.length > MAX_HEADER_CHARS) {
    list.sort((a, b) => b.rowsRead - a.rowsRead);
    while (list.length > 0 && encoded.length > MAX_HEADER_CHARS) {
      list.pop();
      encoded = base64(JSON.stringify([...list, { truncated: true }]));
    }
  }
  return encoded;
}

export const benchMetrics: MiddlewareHandler<AppEnv> = async (c, next) => {
  if ((c.env as { BENCH_METRICS?: string }).BENCH_METRICS !== '1') return next();
  const log: Log = new Map();
  c.env = { ...c.env, DB: recordingDb(c.env.DB, log) };
  await next();
  const statements = [...log.values()];
  const read = statements.reduce((s, x) => s + x.rowsRead, 0);
  const returned = statements.reduce((s, x) => s + x.rowsReturned, 0);
  const count = statements.reduce((s, x) => s + x.n, 0);
  c.header('Server-Timing', `d1;desc="rows_read=${read} rows_returned=${returned} statements=${count}"`, {
    append: true,
  });
  // Under load (test/bench/load-worker.mjs) the statements are not encoded: that is the bench's
  // CPU, not the route's. The probes before the load read them.
  if (c.req.header('x-bench-load') === '1') return;
  // A statement too long for the header (a search's sub-selects, one per hub) comes whole,
  // gzipped, in X-Bench-SQL-Gzip instead: the bench explains every statement, and repeated
  // sub-selects compress well. Both headers stay under undici's 16 KB limit together.
  const whole = JSON.stringify(statements.map((s) => ({ ...s, params: s.params.map(cut) })));
  if (base64(whole).length <= MAX_HEADER_CHARS) {
    c.header('X-Bench-SQL', base64(whole));
    return;
  }
  const gz = new Uint8Array(
    await new Response(new Blob([whole]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
  );
  let bin = '';
  for (const b of gz) bin += String.fromCharCode(b);
  const packed = btoa(bin);
  if (packed.length <= MAX_HEADER_CHARS) {
    c.header('X-Bench-SQL-Gzip', packed);
    c.header('X-Bench-SQL', base64(JSON.stringify([{ truncated: true }])));
  } else c.header('X-Bench-SQL', sqlHeader(statements));
};

/** The bench's floors: `/api/__bench/floor` and `/api/__bench/floor/d1`. */
const BENCH_FLOOR = '/api/__bench/floor';

/**
 * Off unless BENCH_METRICS=1 (null then): what a request costs the runtime before any of the app's
 * code (a bare Response at BENCH_FLOOR), and with one D1 call (`SELECT 1`, at BENCH_FLOOR/d1), so
 * the bench can tell the routes' own CPU from the local runtime's and local D1's.
 */
export function benchFloor(path: string, env: { DB: D1Database }): Promise<Response> | null {
  if ((env as { BENCH_METRICS?: string }).BENCH_METRICS !== '1' || !path.startsWith(BENCH_FLOOR)) return null;
  if (path !== `${BENCH_FLOOR}/d1`) return Promise.resolve(new Response('ok'));
  return env.DB.prepare('SELECT 1')
    .first()
    .then(() => new Response('ok'));
}
