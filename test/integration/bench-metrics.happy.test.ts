/**
 * The benchmark instrumentation: absent unless the Worker runs with BENCH_METRICS=1, and then
 * the D1 rows read, rows returned and the statements of the request come back in headers.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import type { BenchStatement } from '../../src/http/middleware/bench-metrics';
import { call, createListing, makerWithHub, ORIGIN } from '../helpers';

/** The Worker's answer at this path (from the origin) with these vars. */
async function fetchAt(vars: Record<string, string>, path: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${path}`) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const fetchWith = (vars: Record<string, string>, path: string) => fetchAt(vars, `/api/v1${path}`);

function statementsOf(res: Response): BenchStatement[] {
  const b64 = res.headers.get('x-bench-sql') ?? '';
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as BenchStatement[];
}

describe('bench metrics', () => {
  beforeAll(async () => {
    const { session, hub } = await makerWithHub();
    for (let i = 0; i < 3; i++) await createListing(session, hub.slug, { title: `Birch offcut ${i}` });
  });

  it('is off by default: no header, no change to the response', async () => {
    const res = await call('/listings?q=birch');
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toBeNull();
    expect(res.headers.get('x-bench-sql')).toBeNull();
    expect((env as { BENCH_METRICS?: string }).BENCH_METRICS).toBeUndefined();
  });

  it('is off for any value other than "1"', async () => {
    const res = await fetchWith({ BENCH_METRICS: 'true' }, '/listings?q=birch');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-bench-sql')).toBeNull();
  });

  it('reports rows read, rows returned and the statements when on', async () => {
    const res = await fetchWith({ BENCH_METRICS: '1' }, '/listings?q=birch');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items).toHaveLength(3);
    const timing = res.headers.get('server-timing') ?? '';
    const m = /rows_read=(\d+) rows_returned=(\d+) statements=(\d+)/.exec(timing);
    expect(m).not.toBeNull();
    const [read, returned, count] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    expect(read).toBeGreaterThan(0);
    expect(returned).toBeGreaterThanOrEqual(3);
    const statements = statementsOf(res);
    expect(statements.reduce((s, x) => s + x.n, 0)).toBe(count);
    expect(statements.reduce((s, x) => s + x.rowsRead, 0)).toBe(read);
    const search = statements.find((s) => /FROM listings/i.test(s.sql) && /MATCH/i.test(s.sql));
    expect(search?.params.length).toBeGreaterThan(0);
    expect(search?.rowsReturned).toBeGreaterThanOrEqual(3);
  });

  it('answers the floors before the app only with BENCH_METRICS=1, and the app answers them otherwise', async () => {
    for (const path of ['/api/__bench/floor', '/api/__bench/floor/d1']) {
      const on = await fetchAt({ BENCH_METRICS: '1' }, path);
      expect([on.status, await on.text()]).toEqual([200, 'ok']);
      // Before the app: none of its headers.
      expect(on.headers.get('x-request-id')).toBeNull();
      const off = await fetchAt({}, path);
      expect(off.status).toBe(404);
      expect(((await off.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});
