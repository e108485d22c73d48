#!/usr/bin/env node
// `npm run test:e2e`: build the web app, start Omloop on a fresh local state (demo data loaded) at
// port 8788, run the Playwright tests against it, and always stop the server afterwards.
// Extra arguments go to `playwright test`, e.g. `npm run test:e2e -- test/e2e/journey.spec.ts`;
// E2E_PORT=8790 picks another port; E2E_SKIP_BUILD=1 serves web/build as it is (CI built it just before).
/* global AbortSignal */
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 8788);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
// Kept for CI next to Playwright's JSON report (test-results/ is git-ignored).
const SERVER_LOG = 'test-results/e2e-server.log';

// With these set, wrangler makes no network calls.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: 'true',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let interrupted = false;

/** Whether a process (group, for a negative pid) still exists. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Poll the health endpoint until it answers ok, the server exits, or the timeout passes. */
async function waitForHealth(server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (interrupted || server.exitCode !== null || server.signalCode !== null) return false;
    try {
      const res = await fetch(`${BASE_URL}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok && (await res.json()).status === 'ok') return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

/** Wait until nothing of the process group is left, at most `ms`; true when it is gone. */
async function gone(group, ms) {
  const deadline = Date.now() + ms;
  while (alive(group) && Date.now() < deadline) await sleep(100);
  return !alive(group);
}

/** SIGTERM the server's whole process group (npx, wrangler, workerd), SIGKILL what is left. */
async function stopServer(server) {
  const group = -server.pid;
  if (!alive(group)) return;
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  if (await gone(group, STOP_GRACE_MS)) return;
  console.error(`e2e: the server did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
  try {
    process.kill(group, 'SIGKILL');
  } catch {
    return; // already gone
  }
  if (!(await gone(group, STOP_GRACE_MS))) console.error(`e2e: process group ${server.pid} is still alive`);
}

/** Whether something already listens on the port (then the tests would talk to it, not to us). */
function portTaken() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(true));
    probe.listen(PORT, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

function build() {
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web'], { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error('e2e: building the web app failed');
    process.exit(result.status ?? 1);
  }
}

async function main() {
  if (await portTaken()) {
    console.error(`e2e: port ${PORT} is already in use; stop whatever listens there and try again`);
    return 1;
  }
  if (process.env.E2E_SKIP_BUILD === '1') console.log('e2e: serving web/build as built before');
  else build();

  const persistDir = mkdtempSync(join(tmpdir(), 'omloop-e2e-'));
  const serverLog = [];
  console.log(`e2e: starting Omloop at ${BASE_URL} (state in ${persistDir})`);
  // Its own process group, so stopping it also stops wrangler's and workerd's children.
  const server = spawn(
    'node',
    ['scripts/start.mjs', '--skip-build', '--no-ticker', '--port', String(PORT), '--persist-to', persistDir],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [server.stdout, server.stderr]) stream.on('data', (chunk) => serverLog.push(chunk));
  console.log(`e2e: server process group ${server.pid}`);

  let tests = null;
  // Ctrl-C reaches playwright too (same process group); a SIGTERM is passed on. Either way the
  // finally block below still stops the server.
  process.on('SIGINT', () => (interrupted = true));
  process.on('SIGTERM', () => {
    interrupted = true;
    tests?.kill('SIGTERM');
  });
  try {
    if (!(await waitForHealth(server))) {
      if (interrupted) return 130;
      console.error(
        `e2e: the server did not answer ${BASE_URL}/api/v1/health with ok within ${READY_TIMEOUT_MS / 1000} s` +
          `${server.exitCode !== null ? ` (it exited with code ${server.exitCode})` : ''}. Server log:\n`,
      );
      console.error(Buffer.concat(serverLog).toString('utf8'));
      return 1;
    }
    console.log('e2e: server ready, running Playwright');
    tests = spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...env, BASE_URL },
    });
    return await new Promise((resolve) => {
      tests.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      tests.on('error', () => resolve(1));
    });
  } finally {
    await stopServer(server);
    rmSync(persistDir, { recursive: true, force: true });
    mkdirSync('test-results', { recursive: true });
    writeFileSync(SERVER_LOG, Buffer.concat(serverLog));
    console.log(`e2e: server stopped; its log is in ${SERVER_LOG}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
