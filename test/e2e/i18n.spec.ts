/**
 * Dutch, French and English through the header's language switcher: <html lang>, the page's own
 * words, and the API's messages follow the choice at once, without a reload, on any page.
 * Strings are written out here (not read from web/src/lib/i18n) so a lost translation shows.
 */
import { demoListingPath, expect, pageErrors, test, uniqueWord } from './fixtures/helpers';
import type { Page } from '@playwright/test';
import { apiGet, apiPost } from './fixtures/flows';

type Me = { user: { locale: string } };

const HOME_TITLE = {
  nl: 'Vind materiaal, restjes en machinetijd in je buurt',
  fr: 'Trouvez des matériaux, des chutes et du temps machine près de chez vous',
  en: 'Find materials, offcuts and machine time near you',
};
const NAV_LISTINGS = { nl: 'Aanbod', fr: 'Offres', en: 'Listings' };
const SEARCH_BUTTON = { nl: 'Zoeken', fr: 'Rechercher', en: 'Search' };
const DETAILS = { nl: 'Gegevens', fr: 'Détails', en: 'Details' };
const OFFCUT = { nl: 'Restant', fr: 'Chute', en: 'Offcut' };
const EMAIL = { nl: 'E-mailadres', fr: 'Adresse e-mail', en: 'Email address' };
const LOGIN_TITLE = { nl: 'Inloggen', fr: 'Se connecter', en: 'Log in' };
const WRONG_LOGIN = {
  nl: 'E-mailadres of wachtwoord klopt niet.',
  fr: 'Adresse e-mail ou mot de passe incorrect.',
  en: 'Email address or password is incorrect.',
};
type Locale = keyof typeof HOME_TITLE;

async function switchTo(page: Page, locale: Locale) {
  await page.getByTestId('language-switcher').selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.getByTestId('language-switcher')).toHaveValue(locale);
}

/** Set a flag on the window: it survives client-side updates and navigation, not a reload. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));
}
async function stillSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark)).toBe(true);
}

test('home page in Dutch, French and English', async ({ page }) => {
  const errors = pageErrors(page);
  await page.goto('/');
  // The browser asks for en-GB: the first visit is in English.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.en);
  await expect(page.getByTestId('listing-card').first()).toBeVisible();
  await markDocument(page);

  for (const locale of ['nl', 'fr', 'en', 'nl'] as const) {
    await switchTo(page, locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE[locale]);
    await expect(page.getByRole('link', { name: NAV_LISTINGS[locale], exact: true }).first()).toBeVisible();
    await expect(page.getByTestId('search-submit')).toHaveText(SEARCH_BUTTON[locale]);
    // Listing cards re-render too, not just the page chrome.
    await expect(
      page.getByTestId('listing-card').getByText(OFFCUT[locale], { exact: true }).first(),
    ).toBeVisible();
  }
  await stillSameDocument(page);

  // The choice is remembered for the next visit.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.nl);
  expect(errors).toEqual([]);
});

test('a listing page, navigation and a half-filled form switch language in place', async ({ page }) => {
  const errors = pageErrors(page);
  const path = await demoListingPath(page);
  await page.goto(path);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('Birch plywood offcuts 18 mm');
  await expect(page.getByRole('heading', { level: 2, name: DETAILS.en })).toBeVisible();
  await markDocument(page);

  for (const locale of ['fr', 'nl', 'en', 'fr'] as const) {
    await switchTo(page, locale);
    await expect(page.getByRole('heading', { level: 2, name: DETAILS[locale] })).toBeVisible();
    await expect(
      page.getByTestId('listing-detail').getByText(OFFCUT[locale], { exact: true }).first(),
    ).toBeVisible();
    // The listing's own text is the author's, in whatever language they wrote it.
    await expect(title).toHaveText('Birch plywood offcuts 18 mm');
  }

  // Client-side navigation after a switch stays in the chosen language.
  await page.getByRole('navigation').getByRole('link', { name: NAV_LISTINGS.fr, exact: true }).click();
  await expect(page).toHaveURL(/\/listings$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAV_LISTINGS.fr);
  await stillSameDocument(page);

  // Switching in the middle of a form keeps what was typed; the API answers in the new language.
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LOGIN_TITLE.fr);
  await page.getByLabel(EMAIL.fr, { exact: true }).fill('sanne@rdm.demo');
  await switchTo(page, 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LOGIN_TITLE.nl);
  const email = page.getByLabel(EMAIL.nl, { exact: true });
  await expect(email).toHaveValue('sanne@rdm.demo');
  await switchTo(page, 'en');
  await expect(page.getByLabel(EMAIL.en, { exact: true })).toHaveValue('sanne@rdm.demo');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await switchTo(page, 'fr');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('form-error')).toHaveText(WRONG_LOGIN.fr);
  await switchTo(page, 'nl');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('form-error')).toHaveText(WRONG_LOGIN.nl);
  expect(errors).toEqual([]);
});

test('a language chosen while its save is cut off is kept, and saved on the next start', async ({ page }) => {
  const errors = pageErrors(page);
  const word = uniqueWord('taal');
  // A new account in Dutch, signed in through the page's own context (its cookie).
  await apiPost(
    page,
    '/auth/signup',
    {
      email: `${word}@e2e.example`,
      password: 'a-long-enough-password',
      displayName: word,
      locale: 'nl',
    },
    [201],
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.nl);

  // The connection drops as the choice is saved (as a reload at once would cancel it).
  await page.route('**/api/v1/me', (route) =>
    route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback(),
  );
  await switchTo(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.fr);
  expect((await apiGet<Me>(page, '/me')).user.locale).toBe('nl');

  // The next start shows the choice, not the account's old language, and sends it again.
  await page.unroute('**/api/v1/me');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.fr);
  await expect(async () => {
    expect((await apiGet<Me>(page, '/me')).user.locale).toBe('fr');
  }).toPass({ timeout: 15_000 });
  expect(await page.evaluate(() => localStorage.getItem('omloop.locale.unsaved'))).toBeNull();

  // Once saved, a later start follows the account as before.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_TITLE.fr);
  expect(errors).toEqual([]);
});
