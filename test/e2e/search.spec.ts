/**
 * Search as people use it: words in their language find listings written in another, near any
 * hub, a point on the map or the browser's location (signed out), a radius without a place said
 * so, every filter in the URL, and the page saying how it is ordered — on a 360 px phone, in nl,
 * fr and en.
 */
import type { Page } from '@playwright/test';
import { ERRORS } from '../../src/shared/errors';
import { MESSAGES, expect, test, switchLanguageOnPhone } from './fixtures/helpers';

const WIDTH = 360;
const LIEGE_PLUS = { latitude: 50.64, longitude: 5.57 };
test.use({
  viewport: { width: WIDTH, height: 740 },
  isMobile: true,
  hasTouch: true,
  geolocation: LIEGE_PLUS,
  permissions: ['geolocation'],
});

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(WIDTH);
}

async function openFilters(page: Page) {
  const toggle = page.getByTestId('more-filters');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.tap();
}

test('a word in one language finds listings written in another, best match first', async ({ page }) => {
  for (const [locale, word] of [
    ['fr', 'contreplaqué'],
    ['en', 'plywood'],
    ['nl', 'multiplex'],
  ] as const) {
    const m = MESSAGES[locale];
    await page.goto('/listings');
    await switchLanguageOnPhone(page, locale);
    await page.getByTestId('search-input').fill(word);
    await page.getByTestId('search-submit').tap();
    // The URL holds the words alone, not every empty field of the form: a search to share.
    await expect(page).toHaveURL(new RegExp(`/listings\\?q=${encodeURIComponent(word)}$`));
    const cards = page.getByTestId('results').getByTestId('listing-card');
    // The Dutch "Populier multiplex" and the English "Birch plywood" are both found.
    await expect(cards.filter({ hasText: 'Populier multiplex 12 mm' })).toHaveCount(1);
    await expect(cards.filter({ hasText: 'Birch plywood offcuts 18 mm' })).toHaveCount(1);
    await expect(page.getByTestId('search-order-current')).toHaveText(m.finding.orders.relevance);
    // Nearest needs a place; newest is offered.
    await expect(page.getByTestId('order-newest')).toBeVisible();
    await expect(page.getByTestId('order-nearest')).toHaveCount(0);
    await expect(page.getByTestId('nearest-needs-place')).toHaveText(m.finding.nearestNeedsPlace);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `test-results/search-${locale}-words.png`, fullPage: true });
  }
  await page.getByTestId('order-newest').tap();
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page.getByTestId('search-order-current')).toHaveText(MESSAGES.nl.finding.orders.newest);

  // As makers type: a size glued to its unit, little words, a name of several words.
  for (const [words, title] of [
    ['multiplex 18mm', 'Birch plywood offcuts 18 mm'],
    ['bois de palette', 'Euro pallets / Palettes EUR'],
    ['moteur pas à pas', 'NEMA 17 stepper motors from dismantled printers'],
  ] as const) {
    await page.goto(`/listings?q=${encodeURIComponent(words)}`);
    const cards = page.getByTestId('results').getByTestId('listing-card');
    await expect(cards.first(), words).toContainText(title);
  }
  // "18mm" finds the 18 mm sheets, not the 12 mm poplar multiplex (the last page shown).
  const last = page.getByTestId('results').getByTestId('listing-card');
  await page.goto(`/listings?q=${encodeURIComponent('multiplex 18mm')}`);
  await expect(last.first()).toContainText('Birch plywood offcuts 18 mm');
  await expect(last.filter({ hasText: 'Populier multiplex' })).toHaveCount(0);
});

test('words no listing holds are left out and named; a Dutch compound finds its parts, and two names find the compound', async ({
  page,
}) => {
  // fr: "contreplaqué zebrano" (no listing holds "zebrano") finds the plywood, and says so.
  await page.goto('/listings');
  await switchLanguageOnPhone(page, 'fr');
  await page.getByTestId('search-input').fill('contreplaqué zebrano');
  await page.getByTestId('search-submit').tap();
  const cards = page.getByTestId('results').getByTestId('listing-card');
  await expect(cards.filter({ hasText: 'Birch plywood offcuts 18 mm' })).toHaveCount(1);
  await expect(cards.filter({ hasText: 'Populier multiplex 12 mm' })).toHaveCount(1);
  await expect(page.getByTestId('words-left-out')).toHaveText(
    MESSAGES.fr.search.wordsLeftOut(['zebrano'], false),
  );
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: 'test-results/search-fr-words-left-out.png', fullPage: true });
  // A search whose every word is held says nothing of it.
  await page.goto('/listings?q=contreplaqu%C3%A9');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId('words-left-out')).toHaveCount(0);

  // nl, requests: "multiplex zebrano" finds the requests for plywood.
  await switchLanguageOnPhone(page, 'nl');
  await page.goto(`/requests?q=${encodeURIComponent('multiplex zebrano')}`);
  await expect(page.getByTestId('words-left-out')).toHaveText(
    MESSAGES.nl.search.wordsLeftOut(['zebrano'], true),
  );
  await expect(page.getByTestId('request-card').first()).toBeVisible();

  // fr: "planches de pin": the pine is in battens, and other listings are planks: the planks are
  // left out so the pine is found, and the page says so. "plaques de polycarbonate" finds the
  // polycarbonate offcuts counted in sheets ("9 plaques" on their card) with nothing left out.
  await switchLanguageOnPhone(page, 'fr');
  await page.goto(`/listings?q=${encodeURIComponent('planches de pin')}`);
  await expect(cards.filter({ hasText: 'Pine battens 44 × 44 mm' })).toHaveCount(1);
  await expect(page.getByTestId('words-apart')).toHaveText(
    MESSAGES.fr.search.wordsApart(['planches'], false),
  );
  await page.goto(`/listings?q=${encodeURIComponent('plaques de polycarbonate')}`);
  await expect(cards.filter({ hasText: 'Polycarbonate offcuts 4 mm' })).toHaveCount(1);
  await expect(page.getByTestId('words-apart')).toHaveCount(0);
  await expect(page.getByTestId('words-left-out')).toHaveCount(0);
  await expectNoSidewaysScroll(page);
  await switchLanguageOnPhone(page, 'nl');

  // Dutch compounds of two names: oak wood, coffee sacks; and two names typed apart find the
  // Dutch word that joins them (copper wire, wool felt).
  for (const [words, titles] of [
    ['eikenhout', ['Eiken balken uit een sloop', 'Chutes de chêne massif']],
    ['koffiezakken', ['Sacs de café en jute']],
    ['copper wire', ['Koperdraad restanten']],
    ['laine feutre', ['Wolvilt restjes 3 mm']],
  ] as const) {
    await page.goto(`/listings?q=${encodeURIComponent(words)}`);
    for (const title of titles) await expect(cards.filter({ hasText: title }), words).toHaveCount(1);
    await expect(page.getByTestId('words-left-out')).toHaveCount(0);
  }
});

test('signed out, near any hub, a point on the map, or my location', async ({ page }) => {
  const en = MESSAGES.en;
  await page.goto('/listings');
  await switchLanguageOnPhone(page, 'en');
  await openFilters(page);

  // Any hub, found by typing its name and its city in another language (Broei is in "Ghent";
  // other hubs of Ghent may be there too): nearest first from it, and the hub named again when
  // the page is opened from its link.
  const near = page.getByLabel(en.finding.near, { exact: true });
  const other = page.getByLabel(en.finding.nearOtherHub, { exact: true });
  await other.fill('broei gand');
  const options = page.locator('#f-near-hub-list [role=option]');
  await expect(options).toHaveText([/^Broei vzw\s*Ghent · BE$/]);
  await expect(other).toHaveAttribute('aria-expanded', 'true');
  await other.press('Enter');
  await expect(near).toHaveValue('51.0517,3.7265');
  await expect(near.locator('option:checked')).toHaveText('Broei vzw (Ghent)');
  await page.getByTestId('search-submit').tap();
  await expect(page).toHaveURL(/near=51\.0517%2C3\.7265|near=51\.0517,3\.7265/);
  await expect(page.getByTestId('search-order-current')).toHaveText(en.finding.orders.nearest);
  await expect(page.getByTestId('results').getByTestId('distance').first()).toHaveText(/^0 km$/);
  await page.reload();
  await expect(near.locator('option:checked')).toHaveText('Broei vzw (Ghent)');
  await expect(other).toHaveValue('Broei vzw');
  // Only one hub's rows: found by a word of its name, chosen by a tap.
  const hub = page.getByLabel(en.search.hub, { exact: true });
  await hub.fill('buda fac');
  await page.locator('#f-hub-list [role=option]').first().tap();
  await expect(hub).toHaveValue('Buda Factory');
  await page.getByTestId('search-submit').tap();
  await expect(page).toHaveURL(/hub=buda-factory/);
  const cards = page.getByTestId('results').getByTestId('listing-card');
  await expect(cards.first()).toContainText('Buda Factory');
  await expect(cards.filter({ hasNotText: 'Buda Factory' })).toHaveCount(0);
  await page.getByTestId('hub-filter').getByRole('button', { name: en.hubPicker.clear }).tap();
  await expect(hub).toHaveValue('');
  await page.getByTestId('search-submit').tap();
  await expect(page).not.toHaveURL(/hub=/);

  // A point on the map.
  await openFilters(page);
  await page.getByTestId('pick-on-map').tap();
  const map = page.getByTestId('point-picker');
  await expect(map).toBeVisible();
  await expect(map.locator('.leaflet-container, .leaflet-pane').first()).toBeAttached();
  await map.click({ position: { x: 150, y: 100 } });
  await expect(near.locator('option:checked')).toContainText(en.finding.nearPoint);
  await expectNoSidewaysScroll(page);
  await page.screenshot({
    path: 'test-results/search-en-map.png',
    fullPage: true,
    clip: { x: 0, y: 0, width: WIDTH, height: 1300 },
  });
  // The map point's results are held back while the person, meanwhile, asks for their own
  // location (granted to this test at Liège): when those results arrive, the choice stays.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/v1\/listings\?/, async (route) => {
    if (!route.request().url().includes('50.64')) await held;
    await route.fallback();
  });
  await page.getByTestId('search-submit').tap();
  await page.getByTestId('use-location').tap();
  await expect(near).toHaveValue('50.64,5.57');
  release();
  await expect(page).toHaveURL(/near=\d+\.\d+(%2C|,)\d+\.\d+/);
  await expect(page).not.toHaveURL(/near=50\.64/);
  await expect(page.getByTestId('results').getByTestId('distance').first()).toBeVisible();
  await expect(near).toHaveValue('50.64,5.57');
  // The point is named as people read one, in the page's language.
  await expect(near.locator('option:checked')).toHaveText(
    `${en.finding.nearMyLocation} (${en.finding.pointLabel('50.64° N', '5.57° E')})`,
  );
  await page.unroute(/\/api\/v1\/listings\?/);
  await page.getByTestId('search-submit').tap();
  await expect(page).toHaveURL(/near=50\.64(%2C|,)5\.57/);
  const first = page.getByTestId('results').getByTestId('listing-card').first();
  await expect(first).toContainText('T2 Campus'); // Genk, the hub nearest to Liège
});

test('a radius without a place is said so, and every filter lives in the URL', async ({ page }) => {
  for (const locale of ['nl', 'fr', 'en'] as const) {
    const m = MESSAGES[locale];
    await page.goto('/listings?radius_km=25');
    await switchLanguageOnPhone(page, locale);
    await expect(page.getByTestId('radius-ignored')).toHaveText(m.finding.radiusIgnored('25'));
    await openFilters(page);
    await expect(page.getByText(m.finding.radiusNeedsPlace)).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: `test-results/search-${locale}-filters.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: WIDTH, height: 1300 },
    });
  }

  const en = MESSAGES.en;
  await page.goto('/listings');
  await switchLanguageOnPhone(page, 'en');
  await openFilters(page);
  await page.getByLabel(en.search.kind, { exact: true }).selectOption('offcut');
  await page.getByLabel(en.search.category, { exact: true }).selectOption('wood');
  await page.getByLabel(en.finding.price, { exact: true }).selectOption('free');
  await page.getByLabel(en.finding.availableBy, { exact: true }).fill('2030-06-01');
  await page.getByTestId('fits-length').fill('500');
  await page.getByTestId('fits-width').fill('350');
  await page.getByTestId('fits-thickness').fill('18');
  await page.getByTestId('search-submit').tap();
  for (const p of [
    'kind=offcut',
    'category=wood',
    'price=free',
    'available_by=2030-06-01',
    'fits=500x350x18',
  ])
    await expect(page).toHaveURL(new RegExp(p));
  await expect(
    page
      .getByTestId('results')
      .getByTestId('listing-card')
      .filter({ hasText: 'Birch plywood offcuts 18 mm' }),
  ).toHaveCount(1);

  // The URL alone brings the same search back, filled in.
  await page.reload();
  await openFilters(page);
  await expect(page.getByLabel(en.finding.price, { exact: true })).toHaveValue('free');
  await expect(page.getByLabel(en.finding.availableBy, { exact: true })).toHaveValue('2030-06-01');
  await expect(page.getByTestId('fits-length')).toHaveValue('500');
  await expect(page.getByTestId('fits-thickness')).toHaveValue('18');
  await expect(
    page
      .getByTestId('results')
      .getByTestId('listing-card')
      .filter({ hasText: 'Birch plywood offcuts 18 mm' }),
  ).toHaveCount(1);
});

test('a link the search cannot read shows the form and what to fix, in the reader’s language', async ({
  page,
}) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  for (const locale of ['nl', 'fr', 'en'] as const) {
    const m = MESSAGES[locale];
    await page.goto('/listings');
    await switchLanguageOnPhone(page, locale);
    for (const path of ['/listings', '/requests']) {
      // A place that is no point (hostile) and a category that does not exist.
      await page.goto(`${path}?q=hout&near=javascript:alert(1)&category=%3Cimg%20src%3Dx%3E`);
      const refused = page.getByTestId('search-refused');
      await expect(refused).toContainText(m.finding.refused);
      // Each field named as the form names it.
      await expect(refused.getByRole('listitem')).toHaveCount(2);
      await expect(refused).toContainText(m.search.category);
      await expect(refused).toContainText(m.finding.near);
      // The search stays to fix: the form with the words, and no results.
      await expect(page.getByTestId('search-input')).toHaveValue('hout');
      await expect(page.getByTestId('results').getByRole('article')).toHaveCount(0);
      await expect(page.getByTestId('no-results')).toHaveCount(0);
      await expect(page.locator('img[src="x"]')).toHaveCount(0);
      await expectNoSidewaysScroll(page);

      // A hub left out (or chosen) that does not exist: the form again, saying so.
      for (const param of ['not_hub', 'hub']) {
        await page.goto(`${path}?q=hout&${param}=no-such-hub`);
        await expect(refused, `${path} ${param}`).toContainText(ERRORS.HUB_NOT_FOUND.message[locale]);
        await expect(page.getByTestId('search-input')).toHaveValue('hout');
      }
    }
  }
  expect(dialogs).toBe(0);
});

test('the hubs directory finds a hub by its city in any language, and says when none is found', async ({
  page,
}) => {
  // Typed in one language, shown in the reader's: every hub found is in Ghent.
  for (const [locale, city, shown] of [
    ['nl', 'gand', 'Gent'],
    ['fr', 'ghent', 'Gand'],
    ['en', 'gent', 'Ghent'],
  ] as const) {
    const m = MESSAGES[locale];
    await page.goto('/hubs');
    await switchLanguageOnPhone(page, locale);
    const field = page.getByLabel(m.hubSearch.label, { exact: true });
    await field.fill(city);
    await field.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/hubs\\?q=${city}$`));
    const cards = page.getByTestId('hub-card');
    await expect(cards.filter({ hasText: 'Broei vzw' })).toHaveCount(1);
    await expect(cards.filter({ hasNotText: `· ${shown},` })).toHaveCount(0);
    await expect(field).toHaveValue(city);
    await expectNoSidewaysScroll(page);
    await field.fill('zqxw');
    await field.press('Enter');
    await expect(page.getByTestId('hubs-empty')).toHaveText(m.hubSearch.none('zqxw'));
    await page.getByTestId('all-hubs').tap();
    await expect(page).toHaveURL(/\/hubs$/);
    await expect(cards.nth(1)).toBeVisible();
  }
});

test('a page that stopped early says how far it looked, and with best match that weaker matches may follow', async ({
  page,
}) => {
  // Every search of this demo network completes on its first page: the API's answer is given
  // the distance a page stopped at (the million-listing network's case), the rows left as found.
  let stopped: { empty: boolean } | null = null;
  await page.route('**/api/v1/listings?*', async (route) => {
    if (!stopped) return route.fallback();
    const body = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({
      json: { ...body, items: stopped.empty ? [] : body.items, searchedKm: 553, nextCursor: 'more' },
    });
  });
  for (const locale of ['nl', 'fr', 'en'] as const) {
    const m = MESSAGES[locale];
    await page.goto('/listings');
    await switchLanguageOnPhone(page, locale);
    const km = m.common.km('553');
    stopped = { empty: false };
    await page.goto('/listings?q=multiplex&near=50.88,4.7');
    await expect(page.getByTestId('search-order-current')).toHaveText(m.finding.orders.relevance);
    await expect(page.getByTestId('searched-within')).toHaveText(m.search.searchedWithinRanked(km));
    await expect(page.getByTestId('load-more')).toHaveText(m.search.searchFarther);
    await expectNoSidewaysScroll(page);
    // Nearest first has no weaker matches: how far it looked is all there is to say.
    await page.goto('/listings?near=50.88,4.7');
    await expect(page.getByTestId('searched-within')).toHaveText(m.search.searchedWithin(km));
    stopped = { empty: true };
    await page.goto('/listings?q=multiplex&near=50.88,4.7');
    await expect(page.getByTestId('no-results')).toHaveText(m.search.nothingWithinRanked(km));
    await page.goto('/listings?near=50.88,4.7');
    await expect(page.getByTestId('no-results')).toHaveText(m.search.nothingWithin(km));
    stopped = null;
  }
});
