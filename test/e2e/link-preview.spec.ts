/**
 * A shared link shows what it is without scripts: the Worker answers /listings/:id (and requests,
 * hubs, streams) with Open Graph, Twitter card and JSON-LD in the HTML; a withdrawn or hidden
 * listing's URL has none.
 */
import { DEMO_PASSWORD, expect, makePng, test, uniqueWord } from './fixtures/helpers';
import type { APIRequestContext } from '@playwright/test';

test.use({ javaScriptEnabled: false });

const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1] ?? null;

async function signedIn(request: APIRequestContext, baseURL: string, email: string) {
  const res = await request.post('/api/v1/auth/login', {
    data: { email, password: DEMO_PASSWORD },
    headers: { origin: baseURL },
  });
  expect(res.status()).toBe(200);
}

test('a listing link carries its title and photo in og: tags; withdrawn and hidden ones none', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const jonas = await playwright.request.newContext({ baseURL: origin });
  await signedIn(jonas, origin, 'jonas@broei.demo');
  const title = `Oak offcuts <b>${uniqueWord('oak')}</b> & "friends"`;
  const created = await jonas.post('/api/v1/listings', {
    headers: { origin },
    data: {
      hub: 'broei',
      kind: 'offcut',
      title,
      description: 'Oiled oak from a table top, 30 mm.',
      category: 'hardwood',
      quantity: 6,
      unit: 'pieces',
      condition: 'good',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const photo = await jonas.post(`/api/v1/listings/${id}/photos`, {
    headers: { origin },
    multipart: { photo: { name: 'oak.png', mimeType: 'image/png', buffer: makePng() } },
  });
  expect(photo.status(), await photo.text()).toBe(201);

  // Fetched as a chat app would: a plain GET, no cookies, no scripts.
  const anonymous = await playwright.request.newContext({ baseURL: origin });
  const html = await (await anonymous.get(`/listings/${id}`)).text();
  expect(meta(html, 'og:title')).toBe(escaped(`${title} · Broei vzw`));
  expect(meta(html, 'og:description')).toBe('Oiled oak from a table top, 30 mm.');
  expect(meta(html, 'og:image')).toMatch(new RegExp(`^${origin}/api/v1/.*photos/\\d+`));
  expect(meta(html, 'twitter:card')).toBe('summary_large_image');
  expect(html).not.toContain('<b>oak');
  const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  expect(JSON.parse(ld!)).toMatchObject({ '@type': 'Product', name: title });
  expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toContain('Broei vzw');
  // The photo the tag points at is served.
  const image = await anonymous.get(meta(html, 'og:image')!.replace(origin, ''));
  expect(image.headers()['content-type']).toBe('image/png');

  // The hub's page has its own preview.
  const hubHtml = await (await anonymous.get('/hubs/broei')).text();
  expect(meta(hubHtml, 'og:title')).toContain('Broei');

  // Hidden by a coordinator: no preview.
  const marie = await playwright.request.newContext({ baseURL: origin });
  await signedIn(marie, origin, 'marie@netwerk-vlaanderen.demo');
  const hidden = await marie.post(`/api/v1/moderation/listing/${id}/hide`, {
    headers: { origin },
    data: { reason: 'Checking a report' },
  });
  expect(hidden.status(), await hidden.text()).toBe(200);
  const hiddenHtml = await (await anonymous.get(`/listings/${id}`)).text();
  expect(meta(hiddenHtml, 'og:title')).toBeNull();
  expect(hiddenHtml).not.toContain('application/ld+json');

  // Withdrawn: no preview either.
  const other = await jonas.post('/api/v1/listings', {
    headers: { origin },
    data: {
      hub: 'broei',
      kind: 'offcut',
      title: 'Pine strips',
      category: 'softwood',
      quantity: 2,
      unit: 'pieces',
      condition: 'good',
    },
  });
  const otherId = ((await other.json()) as { id: number }).id;
  expect((await anonymous.get(`/listings/${otherId}`)).ok()).toBe(true);
  expect(meta(await (await anonymous.get(`/listings/${otherId}`)).text(), 'og:title')).toBe(
    'Pine strips · Broei vzw',
  );
  expect((await jonas.delete(`/api/v1/listings/${otherId}`, { headers: { origin } })).status()).toBeLessThan(
    300,
  );
  expect(meta(await (await anonymous.get(`/listings/${otherId}`)).text(), 'og:title')).toBeNull();
  await Promise.all([jonas.dispose(), anonymous.dispose(), marie.dispose()]);
});
