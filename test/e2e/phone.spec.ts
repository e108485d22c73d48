/**
 * On a small phone (360 × 740 CSS px) every main page fits the width (no sideways scrolling) and
 * the header — navigation, language, account — is on screen and works by touch.
 */
import { MESSAGES, demoListingPath, expect, login, test } from './fixtures/helpers';
import type { Locator, Page } from '@playwright/test';

const WIDTH = 360;
const en = MESSAGES.en;

test.use({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.document, 'document width').toBeLessThanOrEqual(WIDTH);
  expect(widths.body, 'body width').toBeLessThanOrEqual(WIDTH);
}

/** Fully on screen horizontally, and big enough to hit with a finger (WCAG 2.5.8: 24 px). */
async function expectTappable(target: Locator) {
  await expect(target).toBeVisible();
  const box = (await target.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  expect(box.height).toBeGreaterThanOrEqual(24);
}

/** Opens the header's menu (the navigation and language sit behind it on a phone). */
async function openMenu(page: Page, m = en) {
  const menu = page.getByRole('button', { name: m.nav.menu });
  await expectTappable(menu);
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
}

async function expectUsableHeader(page: Page) {
  await expectTappable(page.getByTestId('account-link'));
  await openMenu(page);
  const nav = page.getByRole('navigation', { name: en.nav.main });
  for (const name of [en.nav.listings, en.nav.requests, en.nav.hubs])
    await expectTappable(nav.getByRole('link', { name, exact: true }));
  await expectTappable(page.getByTestId('language-switcher'));
  await page.keyboard.press('Escape');
}

test.beforeEach(async ({ page }) => {
  // An English account no other spec uses: the language switch below is saved on the account.
  await login(page, 'noor@m4h.demo');
});

test('home, listings, a listing and the new-listing form fit a 360 px wide screen', async ({ page }) => {
  const pages = [
    { path: '/', ready: page.getByTestId('listing-card').first() },
    { path: '/listings', ready: page.getByTestId('listing-card').first() },
    { path: await demoListingPath(page), ready: page.getByTestId('listing-detail') },
    { path: '/listings/new', ready: page.getByTestId('listing-form') },
  ];
  for (const { path, ready } of pages) {
    await test.step(path, async () => {
      await page.goto(path);
      await expect(ready).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectUsableHeader(page);
    });
  }
});

test('a short page keeps its footer at the foot of the screen', async ({ page }) => {
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1, name: en.tasks.title })).toBeVisible();
  // Noor's hubs need nothing from her: the page is shorter than the screen.
  await expect(page.getByText(en.tasks.empty)).toBeVisible();
  const footer = (await page.locator('footer.site-footer').boundingBox())!;
  expect(Math.round(footer.y + footer.height), 'the footer ends at the foot of the screen').toBe(740);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, 'nothing to scroll').toBe(740);
});

test('the header navigation works by touch', async ({ page }) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: en.nav.main });

  await openMenu(page);
  await nav.getByRole('link', { name: en.nav.listings, exact: true }).tap();
  await expect(page).toHaveURL(/\/listings$/);
  await expect(page.getByRole('heading', { level: 1, name: en.listings.title })).toBeVisible();
  await openMenu(page);
  await expect(nav.getByRole('link', { name: en.nav.listings, exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectNoSidewaysScroll(page);

  await nav.getByRole('link', { name: en.nav.hubs, exact: true }).tap();
  await expect(page).toHaveURL(/\/hubs$/);
  await expect(page.getByRole('heading', { level: 1, name: en.hubs.title })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Tapping a listing card opens it; the new-listing button is reachable too.
  await openMenu(page);
  await nav.getByRole('link', { name: en.nav.listings, exact: true }).tap();
  await page.getByTestId('listing-card').first().getByRole('link').tap();
  await expect(page.getByTestId('listing-detail')).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.getByRole('link', { name: 'Omloop home' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.home.title);
  await openMenu(page);
  await page.getByTestId('language-switcher').selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  // Longer Dutch words still fit.
  await expectNoSidewaysScroll(page);
  await openMenu(page, MESSAGES.nl);
  await expectTappable(
    page
      .getByRole('navigation', { name: MESSAGES.nl.nav.main })
      .getByRole('link', { name: MESSAGES.nl.nav.listings, exact: true }),
  );
  await page.getByTestId('language-switcher').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
