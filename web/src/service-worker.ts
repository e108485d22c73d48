/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Omloop's service worker: the app installs and opens without a network, and listings read
 * before stay readable offline — always marked as an offline copy, never passed off as fresh.
 *
 * - App shell (the built app, static files and index.html): precached per version, cache-first;
 *   the caches of older versions are deleted on activate.
 * - Page loads (navigations): the network, else the cached index.html; the listing answers a
 *   page's HTML holds are kept as if fetched (the app takes them from the page, not the network).
 * - GET /api/v1/listings?… and GET /api/v1/listings/<id>: the network first; each good answer is
 *   kept (the last MAX_API_ENTRIES) with the time it was fetched in OFFLINE_COPY_HEADER. When the
 *   network fails, the kept copy is answered with that header, and the page shows OfflineNotice.
 * - Everything else (other API calls, every non-GET, photos, other origins) is left to the
 *   browser. Signing in, up or out empties the kept answers: they may hold another person's view.
 */
import { build, files, version } from '$service-worker';
import { PAGE_DATA_ID } from '$shared/constants';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL_CACHE = `omloop-shell-${version}`;
const API_CACHE = 'omloop-api-v1';
const MAX_API_ENTRIES = 50;
/** Read by $lib/components/offline-notice/offline-copy.svelte.ts (through $lib/api). */
const OFFLINE_COPY_HEADER = 'X-Omloop-Cached-At';
/** The SPA's page (adapter-static's fallback); the Worker answers it for "/". */
const INDEX = '/';
const SHELL = [INDEX, ...build, ...files.filter((f) => !/(^|\/)(_headers|_redirects|\.DS_Store)$/.test(f))];
const SHELL_PATHS = new Set(SHELL);

const LISTINGS = /^\/api\/v1\/listings(?:\/[^/]+)?$/;
const AUTH = /^\/api\/v1\/auth\//;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(SHELL);
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key !== SHELL_CACHE && key !== API_CACHE) await caches.delete(key);
      // The first install takes the open page at once; a new version waits until the old one's
      // pages are closed (it would delete the files they may still load).
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;

  if (request.method !== 'GET') {
    // Another person may be signing in: what was kept for the last one must not show.
    if (AUTH.test(url.pathname)) event.waitUntil(caches.delete(API_CACHE));
    return;
  }
  if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
    event.respondWith(navigate(event));
    return;
  }
  if (LISTINGS.test(url.pathname)) {
    event.respondWith(listings(event));
    return;
  }
  if (SHELL_PATHS.has(url.pathname)) event.respondWith(shell(request));
});

/**
 * The page from the network; offline, the cached index.html (the SPA routes in the browser). A
 * listing's page carries its listing's answer in its HTML (src/http/page-data.ts), so the app
 * does not ask for it: the answer is kept from the page, as if it had been asked.
 */
async function navigate(event: FetchEvent): Promise<Response> {
  const { request } = event;
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await caches.match(INDEX, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
  if (response.ok && (response.headers.get('Content-Type') ?? '').startsWith('text/html'))
    event.waitUntil(keepPageData(response.clone(), request.url));
  return response;
}

const PAGE_DATA = new RegExp(`<script type="application/json" id="${PAGE_DATA_ID}">([^<]*)</script>`);

/** Keep the listing answers a page's HTML holds, stamped as if fetched now. */
async function keepPageData(page: Response, pageUrl: string): Promise<void> {
  const block = PAGE_DATA.exec(await page.text())?.[1];
  if (!block) return;
  let data: unknown;
  try {
    data = JSON.parse(block);
  } catch {
    return;
  }
  if (!data || typeof data !== 'object') return;
  for (const [path, body] of Object.entries(data))
    if (LISTINGS.test(path))
      await keep(
        new Request(new URL(path, pageUrl)),
        Response.json(body, { headers: { 'Content-Type': 'application/json' } }),
      );
}

/** A file of this version: from the precache, else the network. */
async function shell(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  return cached ?? fetch(request);
}

/** Network first; a good answer is kept, stamped with its time; offline, the kept copy. */
async function listings(event: FetchEvent): Promise<Response> {
  const { request } = event;
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cache = await caches.open(API_CACHE);
    const copy = await cache.match(request, { ignoreVary: true });
    if (copy) return copy;
    throw error;
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (response.status === 200 && type.includes('application/json'))
    event.waitUntil(keep(request, response.clone()));
  return response;
}

async function keep(request: Request, response: Response): Promise<void> {
  const headers = new Headers(response.headers);
  headers.set(OFFLINE_COPY_HEADER, new Date().toISOString());
  const stamped = new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  const cache = await caches.open(API_CACHE);
  await cache.put(request, stamped);
  // Keys come back oldest first (a put replaces and appends), so trim from the front.
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_API_ENTRIES))) await cache.delete(key);
}
