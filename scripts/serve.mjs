#!/usr/bin/env node
// The Worker on local D1 as `wrangler dev` serves it, without the runtime's inspector: used by
// `scripts/start.mjs --no-inspector` (the bench). `wrangler dev` always opens the inspector and
// connects to it (Runtime and Network domains enabled, to forward logs); workerd then reports every
// request and subrequest, the local D1 call included, to it. A deployed Worker has no inspector,
// so the bench measures without one (docs/search.md, "CPU ≤ 2 ms a request"). Same options as start.mjs passes to
// `wrangler dev`: --port N, --persist-to DIR, --var NAME:VALUE (repeatable).
import { unstable_startWorker } from 'wrangler';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const bindings = Object.fromEntries(
  args
    .flatMap((a, i) => (a === '--var' ? [args[i + 1]] : []))
    .map((v) => {
      const at = v.indexOf(':');
      return [v.slice(0, at), { type: 'plain_text', value: v.slice(at + 1) }];
    }),
);

const worker = await unstable_startWorker({
  config: 'wrangler.toml',
  bindings,
  dev: {
    server: { hostname: '127.0.0.1', port: Number(option('--port', '8787')) },
    inspector: false,
    persist: option('--persist-to', undefined),
    watch: false,
    logLevel: 'warn',
  },
});
await worker.ready;
console.log(`[serve] ready on port ${option('--port', '8787')}, no inspector`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.dispose();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
