/**
 * Web measurements: first-load JS (gzip) of a page from the build, and Lighthouse (performance,
 * accessibility, best practices; mobile and desktop) in Debian's Chromium (/usr/bin/chromium,
 * never a downloaded browser). `npm run bench` runs both against its own server; on their own:
 *
 *   npm run bench:web   # fresh local state with the demo network on 127.0.0.1:8794
 *
 * Writes bench-results/web-<date>.json. Never run in `npm test` or CI.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// BENCH_DEBUG_PORT: two checkouts can measure side by side.
const DEBUG_PORT = Number(process.env.BENCH_DEBUG_PORT ?? 9329);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// `--runs N`: Lighthouse runs per page and form factor (the median is kept).
const RUNS = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 5;

// ---------- web ----------
/**
 * First-load JS of a page: the entry of index.html (start, app, the root layout and what they
 * import), the page's own node and the messages of one language, with their static imports,
 * each file gzip -9.
 */
export function firstLoadJs(route) {
  const dir = 'web/build';
  if (!existsSync(join(dir, 'index.html'))) return null;
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:href|src)="([^"]+\.js)"|import\("([^"]+\.js)"\)/g)].map(
    (m) => m[1] ?? m[2],
  );
  const immutable = join(dir, '_app/immutable');
  const appJs = readdirSync(join(immutable, 'entry')).find((f) => f.startsWith('app.'));
  const app = appJs ? readFileSync(join(immutable, 'entry', appJs), 'utf8') : '';
  const escaped = route.replace(/[/]/g, '\\/');
  const nodeIds = new RegExp(`"${escaped}":\\[([^\\]]*)\\]`).exec(app)?.[1]?.split(',') ?? [];
  const nodes = readdirSync(join(immutable, 'nodes'));
  const pageNodes = nodeIds
    .map((n) => Math.abs(Number(n)))
    .map((n) => nodes.find((f) => f.startsWith(`${n}.`)))
    .filter(Boolean)
    .map((f) => `_app/immutable/nodes/${f}`);
  const seen = new Set();
  const visit = (rel) => {
    const file = join(dir, rel.replace(/^\.?\//, ''));
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    const base = file.slice(0, file.lastIndexOf('/'));
    for (const m of src.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) {
      visit(join(base, m[1]).slice(dir.length + 1));
    }
  };
  // The app's messages are fetched at start for one language (web/src/lib/i18n): count Dutch, the default.
  const chunks = join(immutable, 'chunks');
  const messages = readdirSync(chunks).find((f) =>
    /localeName:\s*["'`]Nederlands/.test(readFileSync(join(chunks, f), 'utf8')),
  );
  [...entries, ...pageNodes, ...(messages ? [`_app/immutable/chunks/${messages}`] : [])].forEach(visit);
  let raw = 0;
  let gz = 0;
  for (const f of seen) {
    const b = readFileSync(f);
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return {
    route,
    messagesChunk: messages ?? null,
    files: seen.size,
    rawBytes: raw,
    gzipBytes: gz,
    targetGzipBytes: 60 * 1024,
    met: gz <= 60 * 1024,
  };
}

/** Chromium with a DevTools port and a throwaway profile; resolves once the port answers. */
async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'omloop-lighthouse-'));
  const child = spawn(
    CHROMIUM,
    [...CHROME_FLAGS, `--remote-debugging-port=${DEBUG_PORT}`, `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: 'ignore', detached: true },
  );
  for (let i = 0; i < 60; i++) {
    await sleep(250);
    try {
      if ((await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).ok) break;
    } catch {
      // not yet
    }
  }
  return {
    port: DEBUG_PORT,
    close: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      // Chromium may still be writing its profile as it goes: retry, and never fail the bench on it.
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch {
        // left in the temp dir
      }
    },
  };
}

/** The largest paint's element (its HTML's start) and the phases of its time, from a report. */
function lcpElement(lhr) {
  const tables = lhr?.audits['largest-contentful-paint-element']?.details?.items ?? [];
  const node = tables[0]?.items?.[0]?.node;
  const phases = Object.fromEntries(
    (tables[1]?.items ?? []).map((p) => [p.phase ?? p.label ?? '?', Math.round(p.timing ?? 0)]),
  );
  return node ? { snippet: String(node.snippet ?? '').slice(0, 160), phases } : null;
}

/**
 * Lighthouse for each path, mobile (the default config: emulated phone, simulated slow 4G and
 * 4× CPU slowdown) and desktop. Scores 0–100; targets: performance ≥ 95, accessibility and best
 * practices 100.
 */
export async function lighthouseRuns(
  base,
  paths,
  { formFactors = ['mobile', 'desktop'], cookie = null, label = 'signed out', runs = RUNS } = {},
) {
  const { default: lighthouse } = await import('lighthouse');
  const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
  const chrome = await launchChromium();
  const out = [];
  try {
    for (const path of paths) {
      for (const formFactor of formFactors) {
        // Lighthouse's scores vary from run to run on a shared machine: `runs` runs (5 by
        // default), the run with the median performance kept, every run's score listed.
        const once = async () => {
          const url = `${base}${path}`;
          const result = await lighthouse(
            url,
            {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance', 'accessibility', 'best-practices'],
              // Signed in: every request of the page carries the session.
              ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
            },
            formFactor === 'desktop' ? desktopConfig : undefined,
          );
          const lhr = result?.lhr;
          // BENCH_WEB_REPORTS=dir keeps every run's whole report, to see what a score is made of.
          if (process.env.BENCH_WEB_REPORTS && lhr) {
            mkdirSync(process.env.BENCH_WEB_REPORTS, { recursive: true });
            const name = `${label}-${formFactor}-${path}`.replace(/[^a-z0-9]+/gi, '_');
            writeFileSync(
              join(process.env.BENCH_WEB_REPORTS, `${name}-${Date.now()}.json`),
              JSON.stringify(lhr),
            );
          }
          const score = (id) =>
            lhr?.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100);
          const scores = {
            performance: score('performance'),
            accessibility: score('accessibility'),
            bestPractices: score('best-practices'),
          };
          // What cost points: every audit under 1 that counts in a category.
          const failing = Object.values(lhr?.audits ?? {})
            .filter(
              (a) =>
                a.score !== null &&
                a.score < 0.9 &&
                a.scoreDisplayMode !== 'informative' &&
                a.scoreDisplayMode !== 'notApplicable' &&
                a.scoreDisplayMode !== 'manual',
            )
            .map((a) => ({ id: a.id, score: a.score, value: a.displayValue ?? null }));
          return {
            url: path,
            who: label,
            formFactor,
            scores,
            targetsMet:
              scores.performance >= 95 && scores.accessibility === 100 && scores.bestPractices === 100,
            metrics: {
              fcpMs: Math.round(lhr?.audits['first-contentful-paint']?.numericValue ?? 0),
              lcpMs: Math.round(lhr?.audits['largest-contentful-paint']?.numericValue ?? 0),
              tbtMs: Math.round(lhr?.audits['total-blocking-time']?.numericValue ?? 0),
              cls: Number((lhr?.audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
              totalBytes: Math.round(lhr?.audits['total-byte-weight']?.numericValue ?? 0),
            },
            // What the largest paint was, and where its time went (Lighthouse's LCP phases).
            lcpElement: lcpElement(lhr),
            failing,
            lighthouse: lhr?.lighthouseVersion,
            chromium: lhr?.environment?.hostUserAgent,
            runtimeError: lhr?.runtimeError?.message ?? null,
          };
        };
        const tries = [];
        for (let k = 0; k < runs; k++) tries.push(await once());
        tries.sort((x, y) => (x.scores.performance ?? 0) - (y.scores.performance ?? 0));
        out.push({
          ...tries[Math.floor(tries.length / 2)],
          performanceRuns: tries.map((t) => t.scores.performance),
        });
      }
    }
  } finally {
    chrome.close();
  }
  return out;
}

// ---------- npm run bench:web ----------
async function main() {
  const PORT = Number(process.env.BENCH_PORT ?? 8794);
  const BASE = `http://127.0.0.1:${PORT}`;
  const persist = process.env.BENCH_PERSIST ?? mkdtempSync(join(tmpdir(), 'omloop-web-bench-'));
  const env = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_HIDE_BANNER: 'true',
  };
  const build = !existsSync('web/build/index.html') || process.argv.includes('--build');
  const server = spawn(
    'node',
    [
      'scripts/start.mjs',
      '--no-ticker',
      ...(build ? [] : ['--skip-build']),
      '--port',
      String(PORT),
      '--persist-to',
      persist,
    ],
    { detached: true, stdio: 'ignore', env },
  );
  try {
    let up = false;
    for (let i = 0; i < 180 && !up; i++) {
      await sleep(1000);
      try {
        up = (await fetch(`${BASE}/api/v1/health`)).ok;
      } catch {
        // not listening yet
      }
    }
    if (!up) throw new Error('server did not start');
    const started = new Date();
    // Signed in as a member (her hub's requests and tasks on the home page): home, a listing and a
    // request, on a phone.
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: BASE, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lotte@broei.demo', password: 'omloop-demo-2026' }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? null;
    if (!login.ok || !cookie) throw new Error(`demo login failed: ${login.status}`);
    const firstId = async (what) =>
      ((await (await fetch(`${BASE}/api/v1/${what}?limit=1`)).json()).items[0] ?? {}).id;
    const lighthouse = [
      // --signed-in: only the signed-in pages (quicker, while working on them).
      ...(process.argv.includes('--signed-in') ? [] : await lighthouseRuns(BASE, ['/', '/listings'])),
      ...(await lighthouseRuns(
        BASE,
        ['/', `/listings/${await firstId('listings')}`, `/requests/${await firstId('requests')}`],
        { formFactors: ['mobile'], cookie, label: 'signed in' },
      )),
    ];
    const report = {
      date: started.toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
      data: 'demo network (scripts/demo-data.mjs)',
      firstLoadJs: { home: firstLoadJs('/'), listings: firstLoadJs('/listings') },
      lighthouse,
    };
    console.log('first-load JS (gzip):', report.firstLoadJs);
    console.table(
      lighthouse.map(({ url, who, formFactor, scores, targetsMet, performanceRuns }) => ({
        url,
        who,
        formFactor,
        ...scores,
        runs: performanceRuns.join(' '),
        targetsMet,
      })),
    );
    for (const r of lighthouse)
      if (r.failing.length) console.log(r.url, r.who, r.formFactor, 'failing audits:', r.failing);
    mkdirSync('bench-results', { recursive: true });
    const file = `bench-results/web-${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`;
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`written ${file}`);
  } finally {
    process.kill(-server.pid, 'SIGTERM');
    await sleep(1500);
    rmSync(persist, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
