/**
 * A shared link shows what it is without scripts: the Worker answers /listings/:id (and requests,
 * hubs, streams) with Open Graph, Twitter card and JSON-LD in the HTML; a withdrawn or hidden
 * listing's URL has none.
 */
import { addPhoto, apiLogin, createListing } from './fixtures/flows';
import { expect, test, uniqueWord } from './fixtures/helpers';

test.use({ javaScriptEnabled: false });

const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1] ?? null;

test('a listing link carries its title and photo in og: tags; withdrawn and hidden ones none', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const jonas = await playwright.request.newContext({ baseURL: origin });
  await apiLogin(jonas, 'jonas@broei.demo');
  const title = `Oak offcuts <b>${uniqueWord('oak')}</b> & "friends"`;
  const { id } = await createListing(jonas, {
    hub: 'broei',
    title,
    description: 'Oiled oak from a table top, 30 mm.',
    category: 'hardwood',
    quantity: 6,
    unit: 'pieces',
  });
  await addPhoto(jonas, id, 'oak.png');

  // Fetched as a chat app would: a plain GET, no cookies, no scripts.
  const anonymous = await playwright.request.newContext({ baseURL: origin });
  const html = await (await anonymous.get(`/listings/${id}`, { maxRetries: 2 })).text();
  expect(meta(html, 'og:title')).toBe(escaped(`${title} · Broei vzw`));
  expect(meta(html, 'og:description')).toBe('Oiled oak from a table top, 30 mm.');
  expect(meta(html, 'og:image')).toMatch(new RegExp(`^${origin}/api/v1/.*photos/\\d+`));
  expect(meta(html, 'twitter:card')).toBe('summary_large_image');
  expect(html).not.toContain('<b>oak');
  const ld = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1];
  expect(JSON.parse(ld!)).toMatchObject({ '@type': 'Product', name: title });
  expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toContain('Broei vzw');
  // The photo the tag points at is served.
  const image = await anonymous.get(meta(html, 'og:image')!.replace(origin, ''), { maxRetries: 2 });
  expect(image.headers()['content-type']).toBe('image/png');

  // The hub's page has its own preview.
  const hubHtml = await (await anonymous.get('/hubs/broei', { maxRetries: 2 })).text();
  expect(meta(hubHtml, 'og:title')).toContain('Broei');

  // Hidden by a coordinator: no preview.
  const marie = await playwright.request.newContext({ baseURL: origin });
  await apiLogin(marie, 'marie@netwerk-vlaanderen.demo');
  const hidden = await marie.post(`/api/v1/moderation/listing/${id}/hide`, {
    headers: { origin },
    data: { reason: 'Checking a report' },
  });
  expect(hidden.status(), await hidden.text()).toBe(200);
  const hiddenHtml = await (await anonymous.get(`/listings/${id}`, { maxRetries: 2 })).text();
  expect(meta(hiddenHtml, 'og:title')).toBeNull();
  expect(hiddenHtml).not.toContain('application/ld+json');

  // Withdrawn: no preview either.
  const { id: otherId } = await createListing(jonas, {
    hub: 'broei',
    title: 'Pine strips',
    category: 'softwood',
    quantity: 2,
    unit: 'pieces',
  });
  expect((await anonymous.get(`/listings/${otherId}`, { maxRetries: 2 })).ok()).toBe(true);
  expect(
    meta(await (await anonymous.get(`/listings/${otherId}`, { maxRetries: 2 })).text(), 'og:title'),
  ).toBe('Pine strips · Broei vzw');
  expect((await jonas.delete(`/api/v1/listings/${otherId}`, { headers: { origin } })).status()).toBeLessThan(
    300,
  );
  expect(
    meta(await (await anonymous.get(`/listings/${otherId}`, { maxRetries: 2 })).text(), 'og:title'),
  ).toBeNull();
  await Promise.all([jonas.dispose(), anonymous.dispose(), marie.dispose()]);
});
