/**
 * A listing's page paints its title and text from the HTML, before any script (the Worker writes
 * them, src/http/page-data.ts), and carries the answers its first load asks for — asked with the
 * person's own cookie, so exactly what the API gives that person. The app takes them instead of
 * asking again, and replaces the first paint with its page: one title, nothing left behind.
 */
import { addPhoto, apiLogin, createListing } from './fixtures/flows';
import { expect, login, pageErrors, test, uniqueWord } from './fixtures/helpers';

const DATA = /<script type="application\/json" id="omloop-page-data">([^<]*)<\/script>/;

/** The page's data block, parsed; null when the page has none. */
function pageData(html: string): Record<string, unknown> | null {
  const m = DATA.exec(html);
  return m ? (JSON.parse(m[1]!) as Record<string, unknown>) : null;
}

test('a listing’s HTML holds its first paint and the API’s own answers for that person, hostile text inert', async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = baseURL!;
  const jonas = await playwright.request.newContext({ baseURL: origin });
  const marie = await playwright.request.newContext({ baseURL: origin });
  const anonymous = await playwright.request.newContext({ baseURL: origin });
  await apiLogin(jonas, 'jonas@broei.demo');
  await apiLogin(marie, 'marie@netwerk-vlaanderen.demo');
  const word = uniqueWord('fp');
  const title = `</script><script>alert(1)</script> ${word} <img src=x onerror=alert(2)>`;
  const { id } = await createListing(jonas, {
    hub: 'broei',
    title,
    description: 'Line one\u2028<b>bold</b> & "quoted"',
    category: 'hardwood',
    quantity: 3,
    unit: 'pieces',
  });
  const path = `/api/v1/listings/${id}`;
  await addPhoto(jonas, id, 'oak.png');

  for (const who of [jonas, marie, anonymous]) {
    const res = await who.get(`/listings/${id}`);
    expect(res.headers()['cache-control']).toBe('private, no-store');
    expect(res.headers()['etag']).toBeUndefined();
    const html = await res.text();
    // People's text never becomes markup, in the first paint or in the data.
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('id="omloop-first-paint"');
    expect(html).toMatch(
      new RegExp(
        `<h1(?: lang="[a-z]{2}")?>&lt;/script&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt; ${word} &lt;img`,
      ),
    );
    const data = pageData(html)!;
    // Exactly what the API answers this person, session and listing.
    expect(data['/api/v1/auth/session']).toEqual(await (await who.get('/api/v1/auth/session')).json());
    expect(data[path]).toEqual(await (await who.get(path)).json());
    expect((data[path] as { title: string }).title).toBe(title);
    // Its first photo is painted too, from this site's own address.
    const url = (data[path] as { photos: { url: string }[] }).photos[0]!.url;
    expect(html).toContain(`<img class="first-paint-photo" src="${url}"`);
    expect(url).toMatch(/^\/api\/v1\/photos\/\d+$/);
  }

  // Hidden by a coordinator: whoever may not read it through the API finds it nowhere in the page.
  const hide = await marie.post(`/api/v1/moderation/listing/${id}/hide`, {
    headers: { origin },
    data: { reason: 'Checking a report' },
  });
  expect(hide.status(), await hide.text()).toBe(200);
  for (const who of [jonas, marie, anonymous]) {
    const api = await who.get(path);
    const html = await (await who.get(`/listings/${id}`)).text();
    const data = pageData(html)!;
    if (api.status() === 200) {
      expect(data[path]).toEqual(await api.json());
      expect(html).toContain('id="omloop-first-paint"');
    } else {
      expect(api.status()).toBe(404);
      expect(data[path]).toBeUndefined();
      expect(html).not.toContain('id="omloop-first-paint"');
      expect(html).not.toContain(word);
    }
  }
  expect((await anonymous.get(path, { maxRetries: 2 })).status()).toBe(404);

  // A request's page the same way: its first paint and its answer, as the API gives it.
  const open = (await (await anonymous.get('/api/v1/requests?limit=1', { maxRetries: 2 })).json()) as {
    items: { id: number; title: string }[];
  };
  const request = open.items[0]!;
  const requestHtml = await (await anonymous.get(`/requests/${request.id}`, { maxRetries: 2 })).text();
  expect(requestHtml).toContain('id="omloop-first-paint"');
  expect(requestHtml).toMatch(/<h1(?: lang="[a-z]{2}")?>[^<]+<\/h1>/);
  expect(pageData(requestHtml)![`/api/v1/requests/${request.id}`]).toEqual(
    await (await anonymous.get(`/api/v1/requests/${request.id}`, { maxRetries: 2 })).json(),
  );
  await Promise.all([jonas.dispose(), marie.dispose(), anonymous.dispose()]);
});

test('the app takes the page’s answers instead of asking, and replaces the first paint', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = pageErrors(page);
  await login(page, 'lotte@broei.demo');
  const list = (await (await page.request.get('/api/v1/listings?limit=2', { maxRetries: 2 })).json()) as {
    items: { id: number; title: string }[];
  };
  const [first, second] = list.items;
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/v1/')) asked.push(url.pathname);
  });

  // A fresh load of the listing's page: the title is there, once; neither answer went out again.
  await page.goto(`/listings/${first!.id}`);
  await expect(page.getByTestId('listing-detail')).toBeVisible();
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText(first!.title);
  await expect(page.locator('#omloop-first-paint')).toHaveCount(0);
  await expect(page.locator('#omloop-page-data')).toHaveCount(0);
  await expect(page.getByTestId('account-link')).toBeVisible();
  expect(asked).not.toContain('/api/v1/auth/session');
  expect(asked).not.toContain(`/api/v1/listings/${first!.id}`);

  // What the page held was for its first load only: back on it within the app, it asks the API.
  await page.getByTestId('listing-detail').locator('a[href^="/hubs/"]').first().click();
  await expect(page).toHaveURL(/\/hubs\//);
  await page.goBack();
  await expect(page.locator('h1')).toHaveText(first!.title);
  expect(asked).toContain(`/api/v1/listings/${first!.id}`);
  await page.goto(`/listings/${second!.id}`);
  await expect(page.locator('h1')).toHaveText(second!.title);
  await expect(page.locator('#omloop-first-paint')).toHaveCount(0);
  // The parts below the listing arrive after it: questions and matches are there.
  await expect(page.getByTestId('listing-detail')).toBeVisible();
  expect(errors).toEqual([]);
});
