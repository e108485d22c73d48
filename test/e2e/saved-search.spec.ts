/**
 * A saved search alerts on what the search page finds, not only on the title's own words: An of
 * Broei saves "contreplaqué" with a word of her own on a 360 px phone (in Dutch); Tom of
 * Maakleerplek Leuven lists "Birch plywood offcuts" in English, the word only in the description.
 * The search page finds it for those words, and An's inbox says it fits her saved search.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiGet, asMember, createListing } from './fixtures/flows';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

type NotificationPage = { unreadCount: number };

test('a saved search in French words alerts on a listing written in English, as the search page finds it', async ({
  page,
  browser,
}) => {
  const word = uniqueWord('batch');
  const searchName = `Contreplaqué ${word}`;
  const listingTitle = 'Birch plywood offcuts 12 mm';

  await login(page, 'an@broei.demo');
  const t = MESSAGES[await pageLocale(page)];
  const unreadBefore = (await apiGet<NotificationPage>(page, '/notifications?limit=1')).unreadCount;

  await page.goto('/saved-searches');
  const form = page.getByTestId('saved-search-form');
  await form.getByLabel(t.matching.name, { exact: true }).fill(searchName);
  const words = form.getByLabel(t.matching.words, { exact: true });
  await words.fill(`contreplaqué ${word}`);
  await expect(words).toHaveAccessibleDescription(t.matching.wordsHint);
  await form.getByRole('button', { name: t.matching.saveSearch }).click();
  const saved = page.getByTestId('saved-search').filter({ hasText: searchName });
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText(`“contreplaqué ${word}”`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Tom lists birch plywood in English; the word is only in its description.
  const { id: listingId } = await asMember(browser, 'tom@maakleerplek.demo', (tom) =>
    createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: listingTitle,
      category: 'birch-plywood',
      quantity: 4,
      unit: 'sheets',
      description: `From ${word}, sanded on one side.`,
    }),
  );

  // The search page finds it for An's words.
  await page.goto(`/listings?q=${encodeURIComponent(`contreplaqué ${word}`)}`);
  await expect(page.getByTestId('results').getByTestId('listing-card')).toHaveCount(1);
  await expect(page.getByTestId('results').getByTestId('listing-card')).toContainText(listingTitle);

  // And her bell and inbox say the listing fits her saved search.
  const bell = page.getByTestId('notification-bell');
  await expect(async () => {
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(bell).toHaveAccessibleName(t.matching.bell(unreadBefore + 1), { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.goto('/notifications');
  const line = page
    .getByTestId('notification')
    .filter({ hasText: t.matching.lineSavedSearch(listingTitle, searchName) });
  await expect(line).toHaveCount(1);
  await line.getByRole('link', { name: t.matching.lineSavedSearch(listingTitle, searchName) }).click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listingId}$`));
});

test('a search on the listings page is saved from there: words, sizes and a radius round my hub', async ({
  page,
}) => {
  await login(page, 'an@broei.demo');
  const t = MESSAGES[await pageLocale(page)];
  const name = `Multiplex ${uniqueWord('fits')}`;
  // Near Broei (its own point) within 30 km, a part of 600 × 400 × 18 mm, offcuts only.
  await page.goto('/listings?q=multiplex&fits=600x400x18&near=51.0517%2C3.7265&radius_km=30&kind=offcut');
  const save = page.getByTestId('save-search');
  await expect(save).toHaveText(t.finding.saveThisSearch);
  await save.click();
  await expect(page).toHaveURL(/\/saved-searches\?/);
  const form = page.getByTestId('saved-search-form');
  await expect(form.getByLabel(t.matching.words, { exact: true })).toHaveValue('multiplex');
  await expect(form.getByLabel(t.matching.minLength, { exact: true })).toHaveValue('600');
  await expect(form.getByLabel(t.matching.minWidth, { exact: true })).toHaveValue('400');
  await expect(form.getByLabel(t.matching.minThickness, { exact: true })).toHaveValue('18');
  await expect(form.getByLabel(t.matching.fromHub, { exact: true })).toHaveValue('broei');
  await expect(form.getByLabel(t.matching.radius, { exact: true })).toHaveValue('30');
  // The kind is not kept by a saved search, and the page says so.
  await expect(page.getByTestId('saved-search-dropped')).toHaveText(t.matching.startDropped);
  await form.getByLabel(t.matching.name, { exact: true }).fill(name);
  await form.getByRole('button', { name: t.matching.saveSearch }).click();
  const saved = page.getByTestId('saved-search').filter({ hasText: name });
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('“multiplex”');
  await expect(saved).toContainText('≥ 600 × 400 mm');
  await expect(saved).toContainText('(Broei vzw)');
  // Saved: the form is empty, the hint gone, and a reload does not start it again.
  await expect(page).toHaveURL(/\/saved-searches$/);
  await expect(page.getByTestId('saved-search-dropped')).toHaveCount(0);
  await page.reload();
  await expect(form.getByLabel(t.matching.words, { exact: true })).toHaveValue('');
  await expect(page.getByTestId('saved-search').filter({ hasText: name })).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Signed out, the link asks to sign in first and comes back to the form.
  const visitor = await page.context().browser()!.newContext();
  try {
    const p = await visitor.newPage();
    await p.goto('/listings?q=plexi');
    await expect(p.getByTestId('save-search')).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent('/saved-searches?q=plexi')}`,
    );
  } finally {
    await visitor.close();
  }
});
