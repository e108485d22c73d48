/**
 * Matching across hubs: Emre of T2 Campus (Genk) asks for steel sheet; Tom of Maakleerplek
 * Leuven (about 60 km away) then offers some. The request shows the listing as a match, and Emre
 * is told: the bell counts it, and the notification leads to the listing.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiGet, asMember, createListing } from './fixtures/flows';

type NotificationPage = { unreadCount: number };

test("a hub's request shows a new listing from another hub, and its author is notified and led to it", async ({
  page,
  browser,
}) => {
  const word = uniqueWord('steel');
  const requestTitle = `Steel sheet for welding practice ${word}`;
  const listingTitle = `Galvanised steel sheets ${word}`;

  // --- Emre posts a request for his hub through the form ---
  await login(page, 'emre@t2campus.demo');
  const t = MESSAGES[await pageLocale(page)];
  const unreadBefore = (await apiGet<NotificationPage>(page, '/notifications?limit=1')).unreadCount;

  await page.goto('/requests/new');
  await expect(page.getByRole('heading', { level: 1, name: t.requestForm.newTitle })).toBeVisible();
  const form = page.getByTestId('request-form');
  await expect(form.getByLabel(t.requestForm.hub, { exact: true })).toHaveValue('t2-campus');
  await form.getByLabel(t.requestForm.title, { exact: true }).fill(requestTitle);
  await form.getByLabel(t.requestForm.category, { exact: true }).selectOption('steel');
  await form
    .getByLabel(t.requestForm.description, { exact: true })
    .fill('Sheet of 2 mm for a welding course, at least 300 × 300 mm.');
  await form.getByLabel(t.requestForm.quantity, { exact: true }).fill('6');
  await form.getByLabel(t.requestForm.unit, { exact: true }).selectOption('sheets');
  await form.getByLabel(t.requestForm.fetchRadius, { exact: true }).fill('100');
  await form.getByLabel(t.requestForm.minLength, { exact: true }).fill('300');
  await form.getByLabel(t.requestForm.minWidth, { exact: true }).fill('300');
  await form.getByLabel(t.requestForm.minThickness, { exact: true }).fill('2');
  await form.getByRole('button', { name: t.requestForm.submitCreate }).click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  const requestPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: requestTitle })).toBeVisible();
  const matches = page.getByTestId('request-matches');
  await expect(matches.getByRole('heading', { name: t.matching.requestMatchesTitle })).toBeVisible();
  await expect(matches.getByText(t.common.loading)).toHaveCount(0);
  await expect(matches.getByRole('link', { name: listingTitle })).toHaveCount(0);

  // --- Tom of Maakleerplek Leuven offers steel sheet that fits (through the API) ---
  const { id: listingId } = await asMember(browser, 'tom@maakleerplek.demo', (tom) =>
    createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: listingTitle,
      category: 'steel',
      quantity: 8,
      unit: 'sheets',
      lengthMm: 1000,
      widthMm: 500,
      thicknessMm: 2,
      description: 'Left over from a shelving project, no rust.',
    }),
  );

  // --- Emre's bell counts the new notification without a reload when he returns to the tab ---
  const bell = page.getByTestId('notification-bell');
  // Matching and notifications follow the listing's event right after its response: re-count until told.
  await expect(async () => {
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect(bell).toHaveAccessibleName(t.matching.bell(unreadBefore + 1), { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(bell.getByTestId('unread-count')).toHaveText(String(unreadBefore + 1));

  // --- The request shows it as a match ---
  await page.reload();
  const match = matches.getByTestId('match').filter({ hasText: listingTitle });
  await expect(match).toHaveCount(1);
  await expect(match).toContainText('Maakleerplek Leuven');
  await expect(match.getByTestId('match-score')).toHaveText(/\d+\/100/);
  await expect(match.getByRole('link', { name: listingTitle })).toHaveAttribute(
    'href',
    `/listings/${listingId}`,
  );

  // --- He opens it and lands on the listing ---
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: t.matching.inboxTitle })).toBeVisible();
  const notification = page
    .getByTestId('notification')
    .filter({ hasText: t.matching.lineRequestMatch(listingTitle, requestTitle, 'Maakleerplek Leuven') });
  await expect(notification).toHaveCount(1);
  await expect(notification).toContainText(t.matching.unread);
  await expect(notification.getByRole('link', { name: requestTitle, exact: true })).toHaveAttribute(
    'href',
    requestPath,
  );
  await notification
    .getByRole('link', {
      name: t.matching.lineRequestMatch(listingTitle, requestTitle, 'Maakleerplek Leuven'),
    })
    .click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listingId}$`));
  await expect(page.getByRole('heading', { level: 1, name: listingTitle })).toBeVisible();
  await expect(page.getByTestId('listing-detail')).toContainText('Maakleerplek Leuven');

  // Opening it marked it read.
  await expect
    .poll(async () => (await apiGet<NotificationPage>(page, '/notifications?limit=1')).unreadCount)
    .toBe(unreadBefore);

  // The listing fills it: Emre marks the request fulfilled, and it stops matching.
  await page.goto(requestPath);
  await page.getByRole('button', { name: t.request.markFulfilled }).click();
  await expect(page.getByTestId('request-status')).toHaveText(t.requestStatus.fulfilled);
  await expect(page.getByTestId('request-matches')).toHaveCount(0);
});

test('a request just posted shows the listings that already fit once they are worked out, without a reload', async ({
  page,
  browser,
}) => {
  const word = uniqueWord('cork');
  const listingTitle = `Cork sheet offcuts ${word}`;
  // --- Tom of Maakleerplek Leuven has cork sheet listed (through the API) ---
  await asMember(browser, 'tom@maakleerplek.demo', (tom) =>
    createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: listingTitle,
      category: 'other',
      quantity: 10,
      unit: 'sheets',
    }),
  );

  // --- Emre posts a request it fits. Its matches are worked out right after the answer; the
  // page's first look at them is answered empty, as when it comes before that work is done ---
  await login(page, 'emre@t2campus.demo');
  const t = MESSAGES[await pageLocale(page)];
  let firstLook = true;
  await page.route('**/api/v1/requests/*/matches', async (route) => {
    if (!firstLook) return route.fallback();
    firstLook = false;
    await route.fulfill({ json: { items: [], bundle: null } });
  });
  await page.goto('/requests/new');
  const form = page.getByTestId('request-form');
  await form.getByLabel(t.requestForm.title, { exact: true }).fill(`Cork sheet for pinboards ${word}`);
  await form.getByLabel(t.requestForm.category, { exact: true }).selectOption('other');
  await form.getByLabel(t.requestForm.quantity, { exact: true }).fill('4');
  await form.getByLabel(t.requestForm.unit, { exact: true }).selectOption('sheets');
  await form.getByLabel(t.requestForm.fetchRadius, { exact: true }).fill('100');
  await form.getByRole('button', { name: t.requestForm.submitCreate }).click();
  await expect(page).toHaveURL(/\/requests\/\d+$/);
  const matches = page.getByTestId('request-matches');
  // "Looking …" while it asks again, never "none fits" first; then the listing, no reload.
  await expect(matches.getByTestId('no-matches')).toHaveText(t.matching.lookingForListings);
  await expect(matches.getByRole('link', { name: listingTitle })).toBeVisible({ timeout: 15_000 });
  expect(firstLook).toBe(false);

  // Opened again later (a link, a reload), the match is there at once.
  await page.reload();
  await expect(matches.getByRole('link', { name: listingTitle })).toBeVisible();
});
