/**
 * The site header on a phone: one row at most 64 px high, with a menu button for the rest of the
 * navigation, while the task count, the bell and the account stay in the bar. Every main page —
 * a completed exchange too — fits the width of a 390 px and a 360 px phone (no sideways scroll).
 * On a desktop (1366 px) the whole navigation is one row with no menu button.
 */
import { MESSAGES, demoListingPath, expect, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiLogin, completeExchange, createListing } from './fixtures/flows';
import type { Page } from '@playwright/test';

test.describe.configure({ timeout: 180_000 });

/** Signs in through the API (the page shares the context's cookies) and returns the language. */
async function signIn(page: Page, email: string) {
  await apiLogin(page.context(), email);
  await page.goto('/');
  await expect(page.getByTestId('account-link')).toBeVisible();
  return MESSAGES[await pageLocale(page)];
}

async function headerHeight(page: Page): Promise<number> {
  return (await page.locator('header.site-header').boundingBox())!.height;
}

async function expectNoSidewaysScroll(page: Page, width: number, what: string) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const innerWidth = await page.evaluate(() => window.innerWidth);
  expect(innerWidth).toBe(width);
  expect(scrollWidth, `${what}: document width at ${width} px`).toBeLessThanOrEqual(innerWidth);
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
]) {
  test.describe(`on a ${viewport.width} px phone`, () => {
    test.use({ viewport, isMobile: true, hasTouch: true });

    test('the header is one row with a menu, and no main page scrolls sideways', async ({
      page,
      browser,
    }) => {
      // A completed exchange between two hubs, so its page (the widest one) is measured too.
      const giver = await browser.newContext();
      let exchangeId: number;
      try {
        await apiLogin(giver, 'hanne@budafactory.demo');
        const listing = await createListing(giver, {
          hub: 'buda-factory',
          title: `Oak offcuts ${uniqueWord('oak')}`,
          category: 'birch-plywood',
          quantity: 6,
          unit: 'pieces',
          lengthMm: 1200,
          widthMm: 180,
          thicknessMm: 22,
        });
        const m = await signIn(page, 'lotte@broei.demo');
        exchangeId = (
          await completeExchange({
            receiver: page,
            giver,
            listingId: listing.id,
            receiverHub: 'broei',
            quantity: 2,
            massGrams: 4200,
            transportMode: 'cargo_bike',
          })
        ).id;

        // The bar: task count, bell and account one tap away; the navigation behind the menu.
        await page.goto('/');
        expect(await headerHeight(page)).toBeLessThanOrEqual(64);
        await expect(page.getByTestId('tasks-link')).toBeVisible();
        await expect(page.getByTestId('notification-bell')).toBeVisible();
        await expect(page.getByTestId('account-link')).toBeVisible();
        const nav = page.getByRole('navigation', { name: m.nav.main });
        await expect(nav).toBeHidden();
        const menu = page.getByRole('button', { name: m.nav.menu });
        await expect(menu).toHaveAttribute('aria-expanded', 'false');

        // Opening the menu moves focus into it; Escape closes it and gives focus back.
        await menu.tap();
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        await expect(nav.getByRole('link', { name: m.nav.listings, exact: true })).toBeFocused();
        await expect(page.getByTestId('language-switcher')).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(nav).toBeHidden();
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await expect(menu).toBeFocused();

        // A link in the menu navigates and closes the menu.
        await menu.tap();
        await nav.getByRole('link', { name: m.nav.hubs, exact: true }).tap();
        await expect(page).toHaveURL(/\/hubs$/);
        await expect(nav).toBeHidden();
        await expect(menu).toHaveAttribute('aria-expanded', 'false');

        const pages = [
          '/',
          '/listings',
          '/requests',
          '/hubs',
          await demoListingPath(page),
          '/hubs/buda-factory',
          '/tasks',
          '/notifications',
          '/exchanges',
          `/exchanges/${exchangeId}`,
        ];
        for (const path of pages) {
          await test.step(path, async () => {
            await page.goto(path);
            await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
            expect(await headerHeight(page), `${path}: header height`).toBeLessThanOrEqual(64);
            await expectNoSidewaysScroll(page, viewport.width, path);
          });
        }
      } finally {
        await giver.close();
      }
    });
  });
}

test('on a 1366 px desktop the whole navigation is one row, without a menu button', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await apiLogin(context, 'noor@m4h.demo');
    await page.goto('/');
    await expect(page.getByTestId('account-link')).toBeVisible();
    const m = MESSAGES[await pageLocale(page)];
    await expect(page.getByRole('button', { name: m.nav.menu })).toBeHidden();
    const nav = page.getByRole('navigation', { name: m.nav.main });
    const tops = new Set<number>();
    for (const link of await nav.getByRole('link').all()) {
      await expect(link).toBeVisible();
      tops.add(Math.round((await link.boundingBox())!.y));
    }
    expect(tops.size, 'navigation rows').toBe(1);
    expect(await headerHeight(page)).toBeLessThanOrEqual(64);
    await expectNoSidewaysScroll(page, 1366, '/');
  } finally {
    await context.close();
  }
});
