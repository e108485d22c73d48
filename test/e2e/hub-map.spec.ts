/**
 * The map of every hub as a network of a continent shows it: clusters with their count where a
 * view holds too many hubs to draw, each said in the reader's language, zoomed into by a tap or
 * Enter, each view asking only for itself — on a 360 px phone. The API's side (the counts, the
 * cells, rows read) is hubs.map.test.ts; here the page is given a continent's answers.
 */
import type { Page, Route } from '@playwright/test';
import { MESSAGES, expect, pageErrors, test, switchLanguageOnPhone } from './fixtures/helpers';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

const HOSTILE = '<img src=x onerror="document.body.dataset.xss=1"> Lab';
const FIRST = {
  hubs: [],
  clusters: [
    { hubs: 1234, lat: 51.05, lon: 3.72, south: 49.6, west: 2.4, north: 52.8, east: 5.6 },
    { hubs: 772, lat: 50.6, lon: 5.57, south: 49.6, west: 5.6, north: 52.8, east: 8.8 },
  ],
  network: { hubs: 2006, extent: { south: 49.5, west: 2.5, north: 53.4, east: 7.5 } },
};
const ZOOMED = {
  hubs: [
    {
      slug: 'hostile-lab',
      name: HOSTILE,
      city: 'Gent',
      country: 'BE',
      kind: 'fab_lab',
      lat: 51.05,
      lon: 3.72,
    },
  ],
  clusters: [{ hubs: 61, lat: 51.2, lon: 3.9, south: 51.1, west: 3.8, north: 51.3, east: 4.0 }],
  network: null,
};

/** The first view and any wide one: clusters; a view zoomed into (under 2° high): a hub and a cluster. */
function answer(url: URL) {
  const [south, , north] = (url.searchParams.get('bbox') ?? '0,0,90,0').split(',').map(Number);
  return north! - south! > 2 ? FIRST : ZOOMED;
}

/** Answers GET /hub-map as a network of two thousand hubs would; records what was asked. */
async function continent(page: Page): Promise<URL[]> {
  const asked: URL[] = [];
  await page.route('**/api/v1/hub-map**', async (route: Route) => {
    const url = new URL(route.request().url());
    asked.push(url);
    await route.fulfill({ json: answer(url) });
  });
  return asked;
}

test('a continent of hubs is drawn as counted clusters, said in three languages, and zoomed into', async ({
  page,
}) => {
  const errors = pageErrors(page);
  const asked = await continent(page);
  await page.goto('/hubs');
  const map = page.getByTestId('map');
  const cluster = map.locator('.hub-cluster').first();
  await expect(cluster).toBeVisible();
  for (const locale of ['nl', 'fr', 'en'] as const) {
    await switchLanguageOnPhone(page, locale);
    // The count as the language writes it (1.234, 1 234, 1,234), and what a tap does.
    const count = new Intl.NumberFormat(locale).format(1234);
    await expect(cluster).toHaveText(count);
    await expect(cluster).toHaveAttribute('title', MESSAGES[locale].map.cluster(count));
  }
  // The first view is every hub's box; the view the map settles on asks for itself, with the
  // phone's few cells across.
  await expect.poll(() => asked.some((u) => u.searchParams.has('bbox'))).toBe(true);
  const view = asked.find((u) => u.searchParams.has('bbox'))!;
  expect(view.searchParams.get('columns')).toBe('7');
  const [south, west, north, east] = view.searchParams.get('bbox')!.split(',').map(Number);
  expect(south).toBeLessThan(49.5 + 0.01);
  expect(north).toBeGreaterThan(53.4 - 0.01);
  expect(west).toBeLessThan(2.5);
  expect(east).toBeGreaterThan(7.5);

  // Enter on a focused cluster zooms in; the new view's hubs are drawn, names as text.
  const before = asked.length;
  await map.locator('.hub-cluster').first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => asked.length).toBeGreaterThan(before);
  const marker = map.locator('path.leaflet-interactive');
  await expect(marker).toHaveCount(1);
  await marker.click({ force: true });
  await expect(map.locator('.leaflet-popup-content')).toContainText(HOSTILE);
  await expect(page.locator('[data-xss]')).toHaveCount(0);
  // A tap on a cluster zooms in too.
  const tapped = asked.length;
  await map.locator('.hub-cluster').first().tap();
  await expect.poll(() => asked.length).toBeGreaterThan(tapped);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  expect(errors.map(String)).toEqual([]);
});

test('the home page counts every hub as the map’s first view does, and says when a view cannot load', async ({
  page,
}) => {
  let fail = false;
  await page.route('**/api/v1/hub-map**', async (route: Route) => {
    const url = new URL(route.request().url());
    if (fail && url.searchParams.has('bbox'))
      await route.fulfill({ status: 503, json: { error: { code: 'X', message: 'x', requestId: 'r' } } });
    else await route.fulfill({ json: answer(url) });
  });
  await page.goto('/');
  await switchLanguageOnPhone(page, 'fr');
  const m = MESSAGES.fr;
  // More hubs than the home page lists: a field to find one, and the count of every hub.
  await expect(page.getByTestId('home-hub-search')).toBeVisible();
  await expect(page.getByTestId('all-hubs-link')).toContainText(new Intl.NumberFormat('fr').format(2006));
  const map = page.getByTestId('map');
  await map.scrollIntoViewIfNeeded();
  await expect(map.locator('.hub-cluster').first()).toBeVisible();
  fail = true;
  await map.locator('.hub-cluster').first().tap();
  await expect(page.getByText(m.map.viewFailed)).toBeVisible();
  // What was drawn stays.
  await expect(map.locator('.hub-cluster').first()).toBeVisible();
});

test('a network of a few hubs is drawn whole from the first answer, asking nothing more as the map moves', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/hub-map')) asked.push(r.url());
  });
  await page.goto('/hubs');
  const map = page.getByTestId('map');
  const markers = map.locator('path.leaflet-interactive');
  await expect(markers.first()).toBeAttached();
  const whole = (await (await page.request.get('/api/v1/hub-map', { maxRetries: 2 })).json()) as {
    hubs: unknown[];
    clusters: unknown[];
    network: { hubs: number };
  };
  expect(whole.clusters).toEqual([]);
  expect(whole.hubs).toHaveLength(whole.network.hubs);
  await expect(markers).toHaveCount(whole.network.hubs);
  await map
    .getByRole('button', { name: /zoom in|inzoomen|zoomer/i })
    .first()
    .tap();
  await map
    .getByRole('button', { name: /zoom in|inzoomen|zoomer/i })
    .first()
    .tap();
  await page.waitForTimeout(600); // a moved map asks after 200 ms
  expect(asked).toHaveLength(1);
  expect(asked[0]).not.toContain('bbox');
});
