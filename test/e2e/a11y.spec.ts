/**
 * axe-core on the main pages, signed out and signed in: no serious or critical violations.
 * Nothing is excluded and no rule is disabled: the map container stays in the scan (its
 * OpenStreetMap tiles are blocked offline, which leaves Leaflet's own controls and markers).
 */
import AxeBuilder from '@axe-core/playwright';
import { demoListingPath, expect, login, makePng, test, uniqueWord } from './fixtures/helpers';
import type { Page } from '@playwright/test';

const BLOCKING = ['serious', 'critical'];

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((v) => BLOCKING.includes(v.impact ?? ''))
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  expect(blocking, JSON.stringify(blocking, null, 2)).toEqual([]);
}

const pages: { name: string; path: (page: Page) => Promise<string>; ready: (page: Page) => Promise<void> }[] =
  [
    {
      name: 'home',
      path: async () => '/',
      ready: async (page) => {
        await expect(page.getByTestId('listing-card').first()).toBeVisible();
        await expect(page.getByTestId('request-card').first()).toBeVisible();
        // The map loads when it nears the screen; on the home page it is below the fold.
        await page.getByTestId('map').scrollIntoViewIfNeeded();
        await expect(page.getByTestId('map').locator('.leaflet-interactive').first()).toBeAttached();
      },
    },
    {
      name: 'listings',
      path: async () => '/listings',
      ready: async (page) => {
        await expect(page.getByTestId('listing-card').first()).toBeVisible();
      },
    },
    {
      name: 'listings map view',
      path: async () => '/listings?view=map',
      ready: async (page) => {
        await expect(page.getByTestId('map').locator('.leaflet-interactive').first()).toBeAttached();
      },
    },
    {
      name: 'a listing',
      path: (page) => demoListingPath(page),
      ready: async (page) => {
        await expect(page.getByTestId('listing-detail')).toBeVisible();
      },
    },
    {
      name: 'login',
      path: async () => '/login',
      ready: async (page) => {
        await expect(page.getByTestId('login-form')).toBeVisible();
      },
    },
  ];

for (const { name, path, ready } of pages) {
  test(`${name}: no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(await path(page));
    await ready(page);
    await expectNoSeriousViolations(page);
  });
}

test('signed in, the new-listing form and a form with errors have no serious violations', async ({
  page,
}) => {
  await login(page, 'hanne@budafactory.demo');
  await page.goto('/listings/new');
  await expect(page.getByTestId('listing-form')).toBeVisible();
  await expectNoSeriousViolations(page);

  // Error messages are also checked (contrast, aria-describedby targets).
  await page.getByTestId('listing-submit').click();
  await expect(page.getByTestId('form-error')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('the photo picker with a refused photo, and the published confirmation, have no serious violations', async ({
  page,
}) => {
  await login(page, 'lotte@broei.demo');
  await page.goto('/listings/new');
  const form = page.getByTestId('listing-form');
  await page.getByTestId('photo-input').setInputFiles([
    { name: 'plank.png', mimeType: 'image/png', buffer: makePng() },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') },
  ]);
  await form.locator('#lf-category').selectOption('hardwood');
  await form.locator('#lf-title').fill(`Beech planks ${uniqueWord('axe')}`);
  await form.locator('#lf-quantity').fill('4');
  await page.getByTestId('listing-submit').click();
  await expect(page.getByTestId('photo-error')).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByTestId('photo-remove').nth(1).click();
  await page.getByTestId('listing-submit').click();
  await expect(page.getByTestId('listing-published')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('on a 360-px phone, tables that scroll sideways can be reached and are named (the impact method)', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await context.newPage();
  await page.goto('/impact/method');
  const region = page
    .getByRole('region')
    .filter({ has: page.locator('table') })
    .first();
  await expect(region).toBeVisible();
  // The table is wider than the phone: it scrolls inside its region, which the keyboard reaches.
  const scrolls = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(scrolls).toBe(true);
  await expect(region).toHaveAttribute('tabindex', '0');
  await expectNoSeriousViolations(page);
  await context.close();
});
