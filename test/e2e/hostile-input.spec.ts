/**
 * Hostile people: two makers fill every text field they can reach (hub, listing, request, stream,
 * machine, network, exchange message, outcome, claim, join request, listing question, their own names) with markup that would run script
 * if it were ever written as HTML, and every web address with `javascript:`. Then every page that
 * shows those texts is opened, map markers hovered and their popups opened, and nothing may run:
 * no dialog, no element parsed from the markup, no link with a script scheme, no blocked script.
 *
 * To cover a new page or field: add the field to the payloads below and the page to PAGES.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, pageErrors, test, uniqueWord } from './fixtures/helpers';
import { apiGet, apiPost } from './fixtures/flows';

/** Markup that runs script if parsed: `data-xss` marks any element made from it. */
const XSS = '<img src=x data-xss onerror=alert(document.domain)>';
const SCRIPT_URL = 'javascript:alert(document.domain)';
/** Text the pages must show as text: a label, then the markup, with a NUL to be dropped. */
const hostile = (label: string) => `${label}\u0000 ${XSS}`;

const origin = () => new URL(process.env.BASE_URL ?? 'http://127.0.0.1:8788').origin;

type World = {
  word: string;
  giverHub: string;
  receiverHub: string;
  network: string;
  listingId: number;
  requestId: number;
  streamId: number;
  machineId: number;
  exchangeId: number;
};

/** Every page that shows what the two makers wrote; `maps` when it draws hub markers. */
const PAGES: { path: (w: World) => string; as: 'giver' | 'receiver'; maps?: boolean }[] = [
  { path: () => '/', as: 'giver', maps: true },
  { path: () => '/hubs', as: 'giver', maps: true },
  { path: (w) => `/hubs?q=${w.word}`, as: 'giver', maps: true },
  { path: (w) => `/hubs/${w.giverHub}`, as: 'giver', maps: true },
  { path: (w) => `/hubs/${w.receiverHub}`, as: 'giver', maps: true },
  { path: (w) => `/hubs/${w.giverHub}/machines`, as: 'giver' },
  { path: (w) => `/listings?q=${w.word}`, as: 'giver' },
  { path: (w) => `/listings?q=${w.word}&view=map`, as: 'giver', maps: true },
  // The hub pickers hold the hubs the search names (its place, its hub) by their hostile names.
  { path: (w) => `/listings?hub=${w.giverHub}&near=51.21,3.22`, as: 'giver' },
  { path: (w) => `/listings/${w.listingId}`, as: 'receiver' },
  { path: (w) => `/requests?q=${w.word}`, as: 'giver' },
  { path: (w) => `/requests?q=${w.word}&view=map`, as: 'giver', maps: true },
  { path: (w) => `/requests/${w.requestId}`, as: 'receiver' },
  { path: (w) => `/streams/${w.streamId}`, as: 'receiver' },
  { path: (w) => `/machines?hub=${w.giverHub}`, as: 'receiver' },
  { path: (w) => `/machines/${w.machineId}`, as: 'receiver' },
  { path: () => '/exchanges', as: 'giver' },
  { path: (w) => `/exchanges/${w.exchangeId}`, as: 'giver' },
  { path: (w) => `/exchanges/${w.exchangeId}`, as: 'receiver' },
  { path: () => '/networks', as: 'giver' },
  { path: (w) => `/networks/${w.network}`, as: 'giver' },
  { path: (w) => `/networks/${w.network}/flows`, as: 'giver' },
  { path: () => '/tasks', as: 'giver' },
  { path: () => '/notifications', as: 'giver' },
  { path: () => '/notifications', as: 'receiver' },
  { path: () => '/dev/mailbox', as: 'receiver' },
];

/** Tomorrow's date in Brussels, as a stream's first date. */
function tomorrow(): string {
  const d = new Date(Date.now() + 36 * 3600 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(d);
}

/** POST whose answer may be a refusal (the script URLs): returns the status. */
async function tryPost(who: BrowserContext, path: string, data: unknown, method = 'POST'): Promise<number> {
  const res = await who.request.fetch(`/api/v1${path}`, { method, data, headers: { Origin: origin() } });
  return res.status();
}

async function signUp(context: BrowserContext, name: string): Promise<void> {
  await apiPost(
    context,
    '/auth/signup',
    {
      email: `${uniqueWord('hostile')}@example.org`,
      password: 'long enough password',
      displayName: hostile(name),
      locale: 'en',
    },
    [201],
  );
}

/** Two makers, two hubs in one network, and one of everything, all written as an attacker would. */
async function hostileWorld(giver: BrowserContext, receiver: BrowserContext): Promise<World> {
  const word = uniqueWord('xss');
  const giverHub = uniqueWord('evil-lab-');
  const receiverHub = uniqueWord('evil-shop-');
  await signUp(giver, 'Giver');
  await signUp(receiver, 'Receiver');
  const hub = (slug: string, lat: number, lon: number, label: string) => ({
    slug,
    name: hostile(`${label} ${word}`),
    city: hostile('Stad'),
    country: 'BE',
    kind: 'fab_lab',
    lat,
    lon,
    description: hostile('About us'),
  });
  // Far from the demo hubs (Oostende, Brugge), so their markers can be hovered on their own.
  await apiPost(giver, '/hubs', hub(giverHub, 51.23, 2.92, 'Lab'), [201]);
  await apiPost(receiver, '/hubs', hub(receiverHub, 51.21, 3.22, 'Shop'), [201]);
  // A script URL as a website: refused by the API; should it ever be stored, never a link.
  await tryPost(giver, `/hubs/${giverHub}`, { website: SCRIPT_URL }, 'PATCH');
  await tryPost(receiver, `/hubs/${receiverHub}`, { website: SCRIPT_URL }, 'PATCH');

  const request = await apiPost<{ id: number }>(
    receiver,
    '/requests',
    {
      hub: receiverHub,
      title: hostile(`Wanted ${word}`),
      description: hostile('Request text'),
      category: 'birch-plywood',
      quantity: 2,
      unit: 'sheets',
    },
    [201],
  );
  const listing = await apiPost<{ id: number }>(
    giver,
    '/listings',
    {
      hub: giverHub,
      kind: 'offcut',
      title: hostile(`Birch ${word}`),
      description: hostile('Listing text'),
      category: 'birch-plywood',
      quantity: 10,
      unit: 'sheets',
      condition: 'good',
    },
    [201],
  );
  const stream = await apiPost<{ id: number }>(
    giver,
    `/hubs/${giverHub}/streams`,
    {
      kind: 'offcut',
      title: hostile(`Weekly ${word}`),
      description: hostile('Stream text'),
      category: 'birch-plywood',
      quantity: 5,
      unit: 'kg',
      condition: 'good',
      repeats: 'weekly',
      every: 1,
      occurrences: 4,
      startDate: tomorrow(),
    },
    [201],
  );
  const machine = await apiPost<{ id: number }>(
    giver,
    `/hubs/${giverHub}/machines`,
    {
      type: 'laser_cutter',
      name: hostile(`Laser ${word}`),
      description: hostile('Machine text'),
      bedXMm: 600,
      bedYMm: 400,
      materialsAllowed: [hostile('acrylic')],
      materialsForbidden: [hostile('PVC')],
      rules: hostile('Rules'),
      priceCentsPerHour: null,
      slotMinutes: 60,
      maxSlotsPerBooking: 4,
      horizonDays: 28,
      minNoticeMinutes: 60,
      cancelDeadlineMinutes: 120,
      windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
    },
    [201],
  );

  const network = uniqueWord('evil-net-');
  await apiPost(
    giver,
    '/networks',
    { slug: network, name: hostile(`Network ${word}`), description: hostile('Net') },
    [201],
  );
  for (const [who, slug] of [
    [giver, giverHub],
    [giver, receiverHub],
    [receiver, receiverHub],
  ] as const)
    expect(await tryPost(who, `/networks/${network}/hubs/${slug}`, {}, 'PUT')).toBeLessThan(300);

  // A question before the claim, and its answer: on the listing's page and in the exchange.
  await apiPost(
    receiver,
    `/listings/${listing.id}/questions`,
    { hub: receiverHub, body: hostile('Question') },
    [201],
  );
  await apiPost(
    giver,
    `/listings/${listing.id}/questions`,
    { hub: receiverHub, body: hostile('Answer') },
    [201],
  );
  const claimed = await apiPost<{ id: number }>(
    receiver,
    `/listings/${listing.id}/claims`,
    { hub: receiverHub, quantity: 2, message: hostile('Claim message') },
    [201],
  );
  await apiPost(giver, `/exchanges/${claimed.id}/accept`, { note: hostile('Accept note') }, [200]);
  await apiPost(
    giver,
    `/exchanges/${claimed.id}/handover`,
    { quantity: 2, massGrams: 4000, transportMode: 'bike' },
    [200],
  );
  await apiPost(receiver, `/exchanges/${claimed.id}/confirm`, {}, [200]);
  await apiPost(receiver, `/exchanges/${claimed.id}/messages`, { body: hostile('Message') }, [201]);
  await tryPost(receiver, `/exchanges/${claimed.id}/outcome`, { body: hostile('Outcome'), link: SCRIPT_URL });
  await apiPost(
    receiver,
    `/exchanges/${claimed.id}/outcome`,
    { body: hostile('Outcome'), link: 'https://example.org/bench' },
    [201],
  );
  // A second claim left waiting: a task for the giver's hub, named by the hostile texts.
  await apiPost(
    receiver,
    `/listings/${listing.id}/claims`,
    { hub: receiverHub, quantity: 1, message: hostile('Second claim') },
    [201],
  );
  // The receiver asks to join the giver's hub: its manager reads the message on the hub page.
  await apiPost(receiver, `/hubs/${giverHub}/join-requests`, { message: hostile('Let me in') }, [201]);
  // The receiver's request matches the listing: a notification (and an email) names both.
  await expect
    .poll(async () => (await apiGet<{ items: unknown[] }>(receiver, '/notifications')).items.length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  return {
    word,
    giverHub,
    receiverHub,
    network,
    listingId: listing.id,
    requestId: request.id,
    streamId: stream.id,
    machineId: machine.id,
    exchangeId: claimed.id,
  };
}

/** What a page must never show: records dialogs and script blocked by the CSP as they happen. */
function watch(page: Page) {
  const dialogs: string[] = [];
  const blocked: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) blocked.push(m.text());
  });
  return { dialogs, blocked, errors: pageErrors(page) };
}

/** Hovers every hub marker of every map on the page and opens its popup. */
async function hoverMarkers(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const maps = page.getByTestId('map');
  await expect(maps.first()).toBeAttached(); // map views load their map after the page
  for (let m = 0; m < (await maps.count()); m++) {
    const map = maps.nth(m);
    await map.scrollIntoViewIfNeeded();
    const markers = map.locator('path.leaflet-interactive');
    await expect(markers.first()).toBeAttached();
    const tooltip = map.locator('.leaflet-tooltip');
    for (let i = 0; i < (await markers.count()); i++) {
      await markers.nth(i).hover({ force: true });
      await expect(tooltip).toHaveCount(1);
      await expect(tooltip.locator('[data-xss]'), 'an element parsed from a hub name').toHaveCount(0);
      seen.push(await tooltip.innerText());
      await markers.nth(i).click({ force: true });
      const popup = map.locator('.leaflet-popup-content');
      await expect(popup).toBeVisible();
      await expect(popup.locator('[data-xss]'), 'an element parsed from a name or title').toHaveCount(0);
      seen.push(await popup.innerText());
      // Closing can race the map panning to show the popup: try again until it is gone.
      await expect(async () => {
        const close = map.locator('.leaflet-popup-close-button');
        if (await close.count()) await close.click({ force: true, timeout: 2_000 });
        await expect(map.locator('.leaflet-popup')).toHaveCount(0, { timeout: 1_000 });
      }).toPass();
      await page.mouse.move(0, 0);
      await expect(tooltip).toHaveCount(0);
    }
  }
  return seen;
}

test('hostile names, texts and links never run as script on any page', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const giver = page.context();
  const receiver = await browser.newContext();
  const world = await hostileWorld(giver, receiver);
  const receiverPage = await receiver.newPage();
  const watched = { giver: watch(page), receiver: watch(receiverPage) };

  for (const visit of PAGES) {
    const path = visit.path(world);
    const p = visit.as === 'giver' ? page : receiverPage;
    await p.goto(path);
    await expect(p.locator('main')).toBeVisible();
    // The hostile text arrived, shown as the text it is.
    await expect(p.locator('body'), path).toContainText(XSS);
    if (visit.maps) {
      const texts = await hoverMarkers(p);
      expect(texts.join('\n'), `${path}: marker texts`).toContain(XSS);
    }
    await expect(p.locator('[data-xss]'), `${path}: an element parsed from user text`).toHaveCount(0);
    await expect(p.locator('[href^="javascript:" i]'), `${path}: a script link`).toHaveCount(0);
    const w = watched[visit.as];
    expect(w.dialogs, `${path}: dialogs`).toEqual([]);
    expect(w.blocked, `${path}: script the CSP had to block`).toEqual([]);
    expect(w.errors.map(String), `${path}: page errors`).toEqual([]);
    await expect(p.locator('body'), `${path}: a control character`).not.toContainText('\u0000');
  }
  await receiver.close();
});

test('signing in never sends a person to another site, whatever `next` says', async ({ page, browser }) => {
  const person = await browser.newContext();
  await signUp(person, 'Traveller');
  const signedIn = await person.newPage();
  const offsite: string[] = [];
  signedIn.on('request', (r) => {
    if (new URL(r.url()).hostname.endsWith('evil.example')) offsite.push(r.url());
  });
  for (const next of [
    '/%09/evil.example/',
    '//evil.example/',
    '/%5Cevil.example',
    'https://evil.example/',
    '/%0A/evil.example',
  ]) {
    await signedIn.goto(`/login?next=${next}`);
    await expect(signedIn).toHaveURL(`${origin()}/`);
  }
  // A path on this site is where the login form leads back to.
  await signedIn.goto('/login?next=/exchanges%3Frole%3Dincoming');
  await expect(signedIn).toHaveURL(`${origin()}/exchanges?role=incoming`);
  expect(offsite).toEqual([]);
  await person.close();
  await page.close();
});

test('the app is served with its Content-Security-Policy, and an injected script does not run', async ({
  page,
}) => {
  for (const path of ['/', '/listings', '/hubs/broei']) {
    const res = await page.goto(path);
    const headers = res!.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options'], path).toBe('DENY');
    const meta = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(meta, path).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(meta, path).not.toContain("unsafe-inline' 'sha");
    expect(meta, path).toContain(`img-src 'self' data: blob: https://tile.openstreetmap.org`);
  }
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __ran?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true';
    document.body.append(script);
    const img = document.createElement('div');
    img.innerHTML = '<img src=x onerror="window.__ran = true">';
    document.body.append(img);
    await new Promise((r) => setTimeout(r, 300));
    return w.__ran ?? false;
  });
  expect(ran).toBe(false);
});
