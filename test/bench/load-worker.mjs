// A second process that loads one URL on loopback: `node load-worker.mjs <url> <concurrency> <seconds> [cookie]`.
// A `{k}` in the URL is a new number (1000 to 9999, in turn) for every request: a search near a
// new point each time, as people search, where the same request again would find its SQL
// prepared already (the D1 database keeps the statements it prepared, by their text).
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
// Prints `{"progress": done}` every 500 ms (so the caller can sample CPU time per window), then
// one JSON line: requests, non-2xx, requests/s and latency percentiles in ms.
const [url, concurrency = '16', seconds = '5', cookie = ''] = process.argv.slice(2);
// Loopback only (any port: BENCH_PORT lets checkouts bench side by side).
if (!/^http:\/\/127\.0\.0\.1:\d{2,5}\//.test(url ?? '')) throw new Error('loopback (127.0.0.1) only');
// x-bench-load: the server leaves out its SQL headers (bench-metrics.ts), whose encoding would
// count as the route's CPU; the probes before the load read them.
const headers = cookie ? { cookie, 'x-bench-load': '1' } : { 'x-bench-load': '1' };
const latencies = [];
let failed = 0;
let k = 0;
const next = () => url.replaceAll('{k}', String(1000 + (k++ % 9000)));
const start = performance.now();
const end = start + Number(seconds) * 1000;
async function lane() {
  while (performance.now() < end) {
    const t = performance.now();
    try {
      // A request that never answers is counted as failed after 30 s, so a run always ends.
      const res = await fetch(next(), { headers, signal: globalThis.AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status < 200 || res.status >= 300) failed++;
    } catch {
      failed++; // a closed socket: counted, not timed
    }
  }
}
const tick = setInterval(() => console.log(JSON.stringify({ progress: latencies.length + failed })), 500);
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
clearInterval(tick);
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const p = (q) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
console.log(
  JSON.stringify({
    requests: latencies.length,
    failed,
    rps: Number((latencies.length / elapsed).toFixed(1)),
    p50: p(0.5),
    p95: p(0.95),
    p99: p(0.99),
  }),
);
