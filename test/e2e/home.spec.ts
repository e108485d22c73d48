/**
 * The home page explains and invites: how Omloop works in three steps, a "list your leftovers"
 * action (to the listing form, or sign-up first), open requests near the visitor next to the
 * newest listings, and a signed-in person's tasks first. Measured on a 360 px phone in nl, fr and
 * en: nothing scrolls sideways.
 */
import { MESSAGES, expect, pageLocale, test, type Locale } from './fixtures/helpers';
import { apiLogin } from './fixtures/flows';
import type { Page } from '@playwright/test';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

async function expectNoSidewaysScroll(page: Page, what: string) {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  expect(innerWidth).toBe(360);
  expect(scrollWidth, `${what}: document width at 360 px`).toBeLessThanOrEqual(innerWidth);
}

const GHENT: Record<Locale, string> = { nl: 'Gent', fr: 'Gand', en: 'Ghent' };
const KORTRIJK: Record<Locale, string> = { nl: 'Kortrijk', fr: 'Courtrai', en: 'Kortrijk' };

for (const locale of ['nl', 'fr', 'en'] as const) {
  test(`a visitor reads how it works and is invited to list, in ${locale}`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: `${locale}-BE`,
    });
    try {
      await context.addInitScript((l) => localStorage.setItem('omloop.locale', l), locale);
      const page = await context.newPage();
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const m = MESSAGES[locale];

      await expect(page.getByRole('heading', { level: 1 })).toHaveText(m.home.title);
      const how = page.getByTestId('home-how');
      await expect(how.getByRole('heading', { level: 2 })).toHaveText(m.home.howTitle);
      await expect(how.getByRole('heading', { level: 3 })).toHaveText(m.home.steps.map((s) => s.title));

      // Signed out, listing starts with an account.
      const cta = page.getByTestId('home-list-cta');
      await expect(cta).toHaveText(m.home.listCta);
      await expect(cta).toHaveAttribute('href', '/signup?next=%2Flistings%2Fnew');

      // Open requests of the whole network, newest first, next to the newest listings.
      const requests = page.getByTestId('home-requests');
      await expect(requests.getByRole('heading', { level: 2 })).toHaveText(m.home.requestsNetwork);
      await expect(requests.getByTestId('request-card').first()).toBeVisible();
      expect(await requests.getByTestId('request-card').count()).toBeLessThanOrEqual(4);
      await expect(page.getByTestId('home-listings').getByTestId('listing-card').first()).toBeVisible();

      // Broei's city in the reader's language.
      await expect(page.getByText(`— ${GHENT[locale]}`, { exact: true })).toBeVisible();
      await expectNoSidewaysScroll(page, `home (${locale}, signed out)`);

      await cta.click();
      await expect(page).toHaveURL(/\/signup\?next=%2Flistings%2Fnew$/);
    } finally {
      await context.close();
    }
  });
}

test('a visitor who allows their location sees the requests nearest to it', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'fr-BE',
    // Leuven: Maakleerplek's request is the nearest.
    geolocation: { latitude: 50.88, longitude: 4.7 },
    permissions: ['geolocation'],
  });
  try {
    await context.addInitScript(() => localStorage.setItem('omloop.locale', 'fr'));
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const requests = page.getByTestId('home-requests');
    // Allowed before: the page uses it without a tap.
    await expect(requests.getByRole('heading', { level: 2 })).toHaveText(MESSAGES.fr.home.requestsNearYou);
    const first = requests.getByTestId('request-card').first();
    await expect(first).toContainText('Maakleerplek Leuven, Louvain');
    await expect(first.getByTestId('distance')).toHaveText(/^\d/);
    await expect(page.getByTestId('home-locate')).toHaveCount(0);
    await expectNoSidewaysScroll(page, 'home near the visitor');
  } finally {
    await context.close();
  }
});

test('a signed-in member’s home starts with their tasks, and requests near their hub', async ({ page }) => {
  await apiLogin(page.context(), 'an@broei.demo');
  await page.goto('/');
  await expect(page.getByTestId('account-link')).toBeVisible();
  const locale = await pageLocale(page);
  const m = MESSAGES[locale];

  const tasks = page.getByTestId('home-tasks');
  await expect(tasks.getByRole('heading', { level: 2 })).toHaveText(m.tasks.title);
  const tasksTop = (await tasks.boundingBox())!.y;
  const heroTop = (await page.getByRole('heading', { level: 1 }).boundingBox())!.y;
  expect(tasksTop).toBeLessThan(heroTop);

  await expect(page.getByTestId('home-list-cta')).toHaveAttribute('href', '/listings/new');
  const requests = page.getByTestId('home-requests');
  await expect(requests.getByRole('heading', { level: 2 })).toHaveText(
    m.home.requestsNearHub(`Broei vzw (${GHENT[locale]})`),
  );
  // Nearest first, other hubs' requests only: Broei's own (0 km away) is one Broei cannot fill.
  const cards = requests.getByTestId('request-card');
  await expect(cards).toHaveCount(4);
  await expect(
    requests.getByTestId('request-hub').filter({ hasText: `Buda Factory, ${KORTRIJK[locale]}` }),
  ).not.toHaveCount(0);
  await expect(requests.getByTestId('request-hub').filter({ hasText: 'Broei vzw' })).toHaveCount(0);
  await expect(page.getByTestId('home-locate')).toHaveCount(0);
  await expectNoSidewaysScroll(page, 'home (signed in)');

  // All of them: the requests page, the same search, with the filter shown and undone.
  await page.getByTestId('home-requests-all').click();
  await expect(page).toHaveURL(/\/requests\?near=51\.0517%2C3\.7265&not_hub=broei$/);
  const leaveOut = page.getByTestId('leave-out-hubs');
  await expect(leaveOut).toBeChecked();
  await expect(page.locator('label', { has: leaveOut })).toHaveText(m.finding.leaveOutMine('Broei vzw', 1));
  await expect(page.getByTestId('request-card').first()).toBeVisible();
  await expect(page.getByTestId('request-hub').filter({ hasText: 'Broei vzw' })).toHaveCount(0);
  await leaveOut.uncheck();
  await page.getByTestId('search-submit').click();
  await expect(page).not.toHaveURL(/not_hub/);
  await expect(page.getByTestId('request-hub').first()).toContainText(`Broei vzw, ${GHENT[locale]}`);
  await page.goto('/');

  await page.getByTestId('home-list-cta').click();
  await expect(page).toHaveURL(/\/listings\/new$/);
});
