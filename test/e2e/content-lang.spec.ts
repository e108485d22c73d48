/**
 * Languages of content: a listing or request says which language it is written in when that is
 * not the reader's ("Rédigé en néerlandais"), and a request's author picks it on the form (their
 * own language by default).
 */
import { MESSAGES, expect, test, uniqueWord } from './fixtures/helpers';
import { apiLogin } from './fixtures/flows';

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

for (const locale of ['fr', 'en', 'nl'] as const) {
  test(`a ${locale} reader is told a Dutch listing is in Dutch, unless they read Dutch`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: `${locale}-BE`,
    });
    try {
      await context.addInitScript((l) => localStorage.setItem('omloop.locale', l), locale);
      const page = await context.newPage();
      await page.goto('/listings?q=Lasersnijder');
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const card = page.getByTestId('listing-card').filter({ hasText: 'Lasersnijder: vrije uren' });
      await expect(card).toBeVisible();
      await expect(card.getByRole('heading', { level: 3 })).toHaveAttribute('lang', 'nl');
      if (locale === 'nl') await expect(card.getByTestId('written-in')).toHaveCount(0);
      else await expect(card.getByTestId('written-in')).toHaveText(MESSAGES[locale].content.writtenIn.nl);

      await card.getByRole('link').click();
      const detail = page.getByTestId('listing-detail');
      await expect(detail.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'nl');
      if (locale === 'nl') await expect(detail.getByTestId('written-in')).toHaveCount(0);
      else await expect(detail.getByTestId('written-in')).toHaveText(MESSAGES[locale].content.writtenIn.nl);
    } finally {
      await context.close();
    }
  });
}

test('a request is written in its author’s language by default, and they may say another', async ({
  page,
}) => {
  // Sophie (Atelier Groot Eiland) reads and writes French.
  await apiLogin(page.context(), 'sophie@grooteiland.demo');
  await page.goto('/requests/new');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const form = page.getByTestId('request-form');
  const lang = form.getByTestId('request-lang');
  await expect(lang).toHaveValue('fr');
  const title = `Walnut offcuts for a toy workshop ${uniqueWord('w')}`;
  await form.getByLabel(MESSAGES.fr.requestForm.title, { exact: true }).fill(title);
  await form.locator('#rf-category').selectOption('plywood');
  await form.getByLabel(MESSAGES.fr.requestForm.quantity, { exact: true }).fill('4');
  await lang.selectOption('en');
  await form.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  const detail = page.getByTestId('request-detail');
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(detail.getByRole('heading', { level: 1 })).toHaveAttribute('lang', 'en');
  await expect(detail.getByTestId('written-in')).toHaveText(MESSAGES.fr.content.writtenIn.en);

  const id = Number(page.url().split('/').pop());
  const res = await page.request.get(`/api/v1/requests/${id}`, { maxRetries: 2 });
  expect(((await res.json()) as { lang: string }).lang).toBe('en');
});
