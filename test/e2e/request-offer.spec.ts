/**
 * Offering for another hub's request: Sophie of Atelier Groot Eiland (Brussels) asks for plywood,
 * fetched within 40 km. Tom of Maakleerplek Leuven (26 km away) opens the request, offers from his
 * hub with a listing that starts from the request, and the request's hub finds it among its
 * matches. Jonas of Broei (Ghent, 48 km) is told his hub is beyond the radius, and gets no button.
 */
import { distanceMetres, metresToKm } from '../../src/shared/geo';
import type { Page } from '@playwright/test';
import {
  MESSAGES,
  expect,
  login,
  pageLocale,
  switchLanguageOnPhone,
  test,
  uniqueWord,
  type Locale,
} from './fixtures/helpers';
import { apiGet, apiLogin, apiPost, asMember } from './fixtures/flows';

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(WIDTH);
}

const ATELIER = { lat: 50.8545, lon: 4.339 };
const LEUVEN = { lat: 50.889, lon: 4.7085 };
const GHENT = { lat: 51.0517, lon: 3.7265 };

/** A distance as the request page and its matches write it: whole km from 10 km, in the page's language. */
const km = (locale: Locale, a: typeof ATELIER, b: typeof ATELIER) => {
  const value = metresToKm(distanceMetres(a, b));
  return MESSAGES[locale].common.km(
    new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value),
  );
};

test('a member of another hub offers for a request from it, and the request finds the listing', async ({
  page,
  browser,
}) => {
  const word = uniqueWord('shelfply');
  const requestTitle = `Plywood for shelves ${word}`;
  const listingTitle = `Birch plywood sheets ${word}`;
  const request = await asMember(browser, 'sophie@grooteiland.demo', (sophie) =>
    apiPost<{ id: number }>(sophie, '/requests', {
      hub: 'atelier-groot-eiland',
      title: requestTitle,
      category: 'plywood',
      quantity: 4,
      unit: 'sheets',
      fetchRadiusKm: 40,
      minLengthMm: 600,
      minWidthMm: 300,
      minThicknessMm: 18,
    }),
  );

  // --- Jonas (Broei, Ghent): beyond the 40 km, said with the distance; nothing to tap ---
  const jonasSession = await browser.newContext();
  await apiLogin(jonasSession, 'jonas@broei.demo');
  const jonas = await jonasSession.newPage();
  // In the list, his card says nothing of reach; the request's page says why.
  await jonas.goto(`/requests?q=${word}`);
  await expect(jonas.getByTestId('request-card')).toHaveCount(1);
  await expect(jonas.getByTestId('in-reach')).toHaveCount(0);
  await jonas.goto(`/requests/${request.id}`);
  const jl = await pageLocale(jonas);
  const jOffer = jonas.getByTestId('request-offer');
  await expect(jOffer.getByTestId('offer-hub')).toHaveText(
    MESSAGES[jl].requestOffer.beyond('Broei vzw', km(jl, ATELIER, GHENT), MESSAGES[jl].common.km('40')),
  );
  await expect(jOffer.getByTestId('offer-from')).toHaveCount(0);
  await jonasSession.close();

  // --- Tom (Maakleerplek Leuven): within reach, offers from his hub ---
  await login(page, 'tom@maakleerplek.demo');
  const t = MESSAGES[await pageLocale(page)];
  const l = await pageLocale(page);
  // The list says his hub is within reach; he opens the request from it.
  await page.goto(`/requests?q=${word}`);
  const card = page.getByTestId('request-card');
  await expect(card.getByTestId('in-reach')).toHaveText(t.requestOffer.inReach('Maakleerplek Leuven'));
  await expectNoSidewaysScroll(page);
  await card.getByRole('link', { name: requestTitle }).tap();
  await expect(page).toHaveURL(new RegExp(`/requests/${request.id}$`));
  const offer = page.getByTestId('request-offer');
  await expect(offer.getByRole('heading', { name: t.requestOffer.title })).toBeVisible();
  await expect(offer.getByTestId('offer-hub')).toContainText(
    t.requestOffer.within('Maakleerplek Leuven', km(l, ATELIER, LEUVEN)),
  );
  await expectNoSidewaysScroll(page);
  await offer.getByRole('link', { name: t.requestOffer.offerFrom('Maakleerplek Leuven') }).tap();
  await expect(page).toHaveURL(new RegExp(`/listings/new\\?request=${request.id}&hub=maakleerplek-leuven$`));

  // The form starts from the request: its category, quantity, unit and part size, from Tom's hub.
  await expect(
    page.getByTestId('offer-for-request').getByRole('link', { name: requestTitle }),
  ).toHaveAttribute('href', `/requests/${request.id}`);
  const form = page.getByTestId('listing-form');
  await expect(form.locator('#lf-hub')).toHaveValue('maakleerplek-leuven');
  await expect(form.locator('#lf-category')).toHaveValue('plywood');
  await expect(form.locator('#lf-quantity')).toHaveValue('4');
  await expect(form.locator('#lf-unit')).toHaveValue('sheets');
  await expect(form.locator('#lf-length')).toHaveValue('600');
  await expect(form.locator('#lf-width')).toHaveValue('300');
  await expect(form.locator('#lf-thickness')).toHaveValue('18');
  await expect(form.locator('#lf-title')).toHaveValue('');
  await expectNoSidewaysScroll(page);
  // Tom says what he has: whole sheets, more than asked.
  await form.locator('#lf-title').fill(listingTitle);
  await form.locator('#lf-quantity').fill('6');
  await form.locator('#lf-length').fill('1220');
  await form.locator('#lf-width').fill('610');
  await form.getByTestId('listing-submit').tap();
  await expect(page).toHaveURL(/\/listings\/\d+\?published=1$/);
  const listingId = Number(new URL(page.url()).pathname.split('/').pop());

  // The new listing's page shows the request it can fill (matching follows its event).
  await expect(
    page.getByTestId('listing-matches').getByTestId('listing-match').filter({ hasText: requestTitle }),
  ).toHaveCount(1, { timeout: 30_000 });

  // What the database holds: the listing, from Tom's hub, as the form sent it; and the request's
  // hub finds it among the request's matches.
  const listing = await apiGet<{
    hub: { slug: string };
    category: string;
    quantity: number;
    unit: string;
    lengthMm: number;
    widthMm: number;
    thicknessMm: number;
  }>(page, `/listings/${listingId}`);
  expect(listing).toMatchObject({
    hub: { slug: 'maakleerplek-leuven' },
    category: 'plywood',
    quantity: 6,
    unit: 'sheets',
    lengthMm: 1220,
    widthMm: 610,
    thicknessMm: 18,
  });
  const matches = await asMember(browser, 'sophie@grooteiland.demo', (sophie) =>
    apiGet<{ items: { id: number; score: number; listing: { id: number } }[] }>(
      sophie,
      `/requests/${request.id}/matches`,
    ),
  );
  const match = matches.items.find((m) => m.listing.id === listingId);
  expect(match).toBeDefined();

  // Back on the request, Tom sees his listing among its matches, with the score its hub sees.
  await page.goto(`/requests/${request.id}`);
  const matched = page.getByTestId('request-offer').getByTestId('offer-matched');
  await expect(matched.getByRole('link', { name: listingTitle })).toHaveAttribute(
    'href',
    `/listings/${listingId}`,
  );
  await expect(matched).toContainText(t.matching.score(match!.score));
  await expectNoSidewaysScroll(page);
});

test('an offer for a request that is gone says so, and a signed-out visitor is asked to sign in first', async ({
  page,
}) => {
  // A request of the demo's Atelier Groot Eiland, seen signed out.
  const open = await apiGet<{ items: { id: number }[] }>(page, '/requests?hub=atelier-groot-eiland&limit=1');
  const id = open.items[0]!.id;
  await page.goto(`/requests/${id}`);
  const offer = page.getByTestId('request-offer');
  for (const locale of ['nl', 'fr', 'en'] as const) {
    await switchLanguageOnPhone(page, locale);
    const t = MESSAGES[locale];
    await expect(offer.getByRole('heading', { name: t.requestOffer.title })).toBeVisible();
    await expect(offer).toContainText(t.requestOffer.signedOut);
    await expect(offer.getByTestId('offer-sign-in')).toHaveText(t.requestOffer.signIn);
    await expectNoSidewaysScroll(page);
  }
  await offer.getByTestId('offer-sign-in').tap();
  await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Flistings%2Fnew%3Frequest%3D${id}$`));

  await login(page, 'tom@maakleerplek.demo');
  const l = MESSAGES[await pageLocale(page)];
  // From an offer to a plain new listing on the same page (a link, no reload): the request's
  // fields do not stay.
  await page.goto(`/listings/new?request=${id}`);
  const category = page.getByTestId('listing-form').locator('#lf-category');
  await expect(page.getByTestId('offer-for-request')).toBeVisible();
  await expect(category).not.toHaveValue('');
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/listings/new';
    document.body.append(a);
    a.click();
  });
  await expect(page.getByTestId('repeats-hint')).toBeVisible();
  await expect(category).toHaveValue('');

  for (const id of ['999999', 'abc']) {
    await page.goto(`/listings/new?request=${id}`);
    await expect(page.getByTestId('request-gone')).toHaveText(l.listingForm.requestGone);
    await expect(page.getByTestId('listing-form').locator('#lf-category')).toHaveValue('');
  }
});
