/** The bench's statement recorder in tests: one request with BENCH_METRICS=1, its D1 statements and rows read. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../src/index';
import type { BenchStatement } from '../src/http/middleware/bench-metrics';
import { ORIGIN, type Session } from './helpers';

export async function recorded(
  path: string,
  o: { session?: Session; method?: string; body?: unknown } = {},
): Promise<{ res: Response; statements: BenchStatement[]; rowsRead: number; count: number }> {
  const ctx = createExecutionContext();
  const headers: Record<string, string> = { 'accept-language': 'en' };
  if (o.session?.cookie) headers.cookie = o.session.cookie;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if ((o.method ?? 'GET') !== 'GET') headers.origin = ORIGIN;
  const res = await worker.fetch(
    new Request(`${ORIGIN}/api/v1${path}`, {
      method: o.method ?? 'GET',
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    }) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, BENCH_METRICS: '1' } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  const b64 = res.headers.get('x-bench-sql') ?? '';
  const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  const statements = b64 ? (JSON.parse(new TextDecoder().decode(bytes)) as BenchStatement[]) : [];
  return {
    res,
    statements,
    rowsRead: statements.reduce((s, x) => s + x.rowsRead, 0),
    count: statements.reduce((s, x) => s + x.n, 0),
  };
}
