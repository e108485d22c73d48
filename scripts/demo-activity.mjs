/**
 * Brings the freshly loaded demo network to life through the running app's own API, as its people
 * would: a few exchanges between hubs claimed, accepted, handed over and confirmed (so the impact
 * figures are the app's own, and the dashboards agree with them), one weekly stream with a
 * subscriber, and what is left waiting for two managers (`demoPending`: a claim to answer, a
 * request to join). `npm start` runs it once, right after it loaded the demo network.
 *
 *   node scripts/demo-activity.mjs [--base http://127.0.0.1:8787]
 */
/* global AbortSignal */
import { DEMO_PASSWORD, demoExchanges, demoPending } from './demo-data.mjs';

const argv = process.argv.slice(2);
const BASE = argv.includes('--base') ? argv[argv.indexOf('--base') + 1] : 'http://127.0.0.1:8787';

/** The hub managers who answer claims on their hub's listings. */
const MANAGERS = {
  broei: 'an@broei.demo',
  'buda-factory': 'pieter@budafactory.demo',
  'atelier-groot-eiland': 'sophie@grooteiland.demo',
  't2-campus': 'bart@t2campus.demo',
  'rdm-rotterdam': 'sanne@rdm.demo',
  'm4h-rotterdam': 'joost@m4h.demo',
  'maakleerplek-leuven': 'griet@maakleerplek.demo',
};

const sessions = new Map();

async function api(email, method, path, body) {
  const headers = { origin: BASE, accept: 'application/json', 'accept-language': 'en' };
  if (email) headers.cookie = await session(email);
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = `demo-${Date.now()}-${Math.random()}`;
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} as ${email ?? 'visitor'}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function session(email) {
  if (!sessions.has(email)) {
    const res = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { origin: BASE, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    sessions.set(email, res.headers.get('set-cookie')?.split(';')[0] ?? '');
  }
  return sessions.get(email);
}

async function listingTitled(title) {
  const page = await api(null, 'GET', `/listings?q=${encodeURIComponent(title)}&limit=10`);
  const listing = page.items.find((l) => l.title === title);
  if (!listing) throw new Error(`demo listing not found: ${title}`);
  return listing;
}

async function completeExchange(e) {
  const listing = await listingTitled(e.listing);
  const giver = MANAGERS[listing.hub.slug];
  const quantity = Math.min(e.quantity, listing.quantityRemaining);
  const claimed = await api(e.receiver, 'POST', `/listings/${listing.id}/claims`, {
    hub: e.hub,
    quantity,
    message: e.message,
  });
  await api(giver, 'POST', `/exchanges/${claimed.id}/accept`, {});
  // Weighed at the handover; the app computes what it saved with its impact factors.
  await api(giver, 'POST', `/exchanges/${claimed.id}/handover`, {
    quantity,
    massGrams: e.massGrams,
    transportMode: e.transportMode,
  });
  await api(e.receiver, 'POST', `/exchanges/${claimed.id}/confirm`, {});
  return claimed.id;
}

/** Today's date in Brussels (the demo hubs' zone), as the API reads a stream's start. */
function brusselsToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

async function weeklyStream() {
  const stream = await api('an@broei.demo', 'POST', '/hubs/broei/streams', {
    kind: 'offcut',
    title: 'Multiplex restjes van de CNC-frees, elke week',
    description: 'Elke week zo’n 15 kg berken multiplex 18 mm uit de CNC-frees: stroken en hoeken.',
    category: 'birch-plywood',
    quantity: 15,
    unit: 'kg',
    condition: 'good',
    repeats: 'weekly',
    every: 1,
    // Today's occurrence is published by the scheduled job within the minute.
    startDate: brusselsToday(),
    occurrences: 8,
  });
  await api('griet@maakleerplek.demo', 'POST', `/streams/${stream.id}/subscriptions`, {
    hub: 'maakleerplek-leuven',
    occurrences: 2,
  });
  return stream.id;
}

/** A claim left for the giving hub's manager to answer, and a request to join left to decide. */
async function pending() {
  const { claim, join } = demoPending;
  const listing = await listingTitled(claim.listing);
  const claimed = await api(claim.receiver, 'POST', `/listings/${listing.id}/claims`, {
    hub: claim.hub,
    quantity: claim.quantity,
    message: claim.message,
  });
  const asked = await api(join.person, 'POST', `/hubs/${join.hub}/join-requests`, { message: join.message });
  return { claim: claimed.id, claimFrom: listing.hub.slug, join: asked.id };
}

async function main() {
  const exchanges = [];
  for (const e of demoExchanges) exchanges.push(await completeExchange(e));
  const stream = await weeklyStream();
  const waiting = await pending();
  console.log(
    `Demo activity: ${exchanges.length} completed exchanges (#${exchanges.join(', #')}), a weekly stream (#${stream}) with a subscriber; waiting: claim #${waiting.claim} for ${waiting.claimFrom} to answer, request #${waiting.join} to join ${demoPending.join.hub}.`,
  );
}

main().catch((err) => {
  console.error(`Demo activity failed: ${err.message}`);
  process.exit(1);
});
