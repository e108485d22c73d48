/**
 * A newcomer's first week, on a 390-px phone: signs up, asks to join Broei, a manager accepts (in a
 * second browser), the newcomer lists offcuts starting with photos chosen through the file chooser
 * (a file that is not a picture is refused by name and the form keeps everything), reorders them
 * with buttons, publishes in one request and lands on the listing with a confirmation; a maker of
 * another hub then finds it with its photo on the search card. The header is measured on each page.
 */
import type { Page } from '@playwright/test';
import { MESSAGES, expect, login, makePng, test, uniqueWord } from './fixtures/helpers';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

const en = MESSAGES.en;

async function expectPhoneLayout(page: Page, where: string) {
  const header = (await page.locator('header.site-header').boundingBox())!;
  expect(header.height, `${where}: header height`).toBeLessThanOrEqual(64);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where}: no sideways scrolling`).toBeLessThanOrEqual(PHONE.width);
}

/** Opens the file chooser by tapping the visible button, as a person would, and picks files. */
async function choose(
  page: Page,
  button: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('photo-picker').getByText(button, { exact: true }).tap();
  await (await chooser).setFiles(files);
}

test('a newcomer joins Broei, lists offcuts with two photos and another hub sees the photo', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const word = uniqueWord('firstweek');
  const name = `Mira ${word}`;
  const title = `Oak offcuts ${word}`;

  // --- signs up and asks to join Broei ---
  await page.goto('/signup');
  await expectPhoneLayout(page, 'sign-up');
  const signup = page.getByTestId('signup-form');
  await signup.getByLabel(en.auth.displayName, { exact: true }).fill(name);
  await signup.getByLabel(en.auth.email, { exact: true }).fill(`${word}@e2e.example`);
  await signup.getByLabel(en.auth.password, { exact: true }).fill('a-long-enough-password');
  await signup.getByRole('button', { name: en.auth.signupButton }).tap();
  await expect(page.getByTestId('account-link')).toBeVisible();
  await page.goto('/hubs/broei');
  await page.getByTestId('join-hub').getByLabel(en.join.message).fill('I build stools from oak offcuts.');
  const asked = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/hubs/broei/join-requests') && r.request().method() === 'POST',
  );
  await page.getByTestId('ask-to-join').tap();
  const answer = await asked;
  expect(answer.status(), await answer.text()).toBe(201);
  await expect(page.getByTestId('join-pending')).toBeVisible();

  // --- a manager of Broei accepts, in another browser ---
  const managerContext = await browser.newContext();
  try {
    const manager = await managerContext.newPage();
    await login(manager, 'an@broei.demo');
    await manager.goto('/hubs/broei#join-requests');
    const item = manager.getByTestId('join-requests').getByTestId('join-request').filter({ hasText: name });
    await item.getByRole('button', { name: MESSAGES.nl.join.acceptLabel(name) }).click();
    await expect(item).toHaveCount(0);
  } finally {
    await managerContext.close();
  }

  // --- the form starts with photos; the camera is offered, with the library next to it ---
  await page.goto('/listings/new');
  const form = page.getByTestId('listing-form');
  await expect(form.getByLabel(en.listingForm.hub, { exact: true })).toHaveValue('broei');
  await expectPhoneLayout(page, 'new listing');
  await page.screenshot({ path: 'test-results/first-week-form.png' });
  const picker = page.getByTestId('photo-picker');
  const titleBox = (await form.getByLabel(en.listingForm.title, { exact: true }).boundingBox())!;
  expect((await picker.boundingBox())!.y).toBeLessThan(titleBox.y);
  await expect(picker).toContainText(en.photos.limits(8));
  const camera = page.getByTestId('photo-camera');
  await expect(camera).toHaveAttribute('capture', 'environment');
  await expect(camera).toHaveAttribute('accept', 'image/*');
  await expect(picker.getByText(en.photos.takePhoto, { exact: true })).toBeVisible();

  // One photo from the camera, one from the library, and a file that is not a picture.
  await choose(page, en.photos.takePhoto, [
    { name: 'bench.png', mimeType: 'image/png', buffer: makePng(96, 64) },
  ]);
  await choose(page, en.photos.choose, [
    { name: 'stack.png', mimeType: 'image/png', buffer: makePng(64, 96) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('sizes: 40 x 40') },
  ]);
  const items = picker.getByTestId('photo-item');
  await expect(items).toHaveCount(3);
  await expect(picker.getByTestId('photo-count')).toHaveText(en.photos.count(3, 8));

  // Reorder by buttons: the library photo becomes the cover; focus stays on the moved photo.
  const srcs = async () => items.locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')));
  const [first, second] = await srcs();
  await picker.getByRole('button', { name: en.photos.moveEarlier(2) }).tap();
  expect((await srcs()).slice(0, 2)).toEqual([second, first]);
  await expect(picker.getByRole('status')).toHaveText(en.photos.moved(2, 1));
  await expect(page.getByRole('button', { name: en.photos.moveLater(1) })).toBeFocused();

  await form.getByLabel(en.listingForm.kind, { exact: true }).selectOption('offcut');
  await form.getByLabel(en.listingForm.category, { exact: true }).selectOption('hardwood');
  await form.getByLabel(en.listingForm.title, { exact: true }).fill(title);
  await form.getByLabel(en.listingForm.description, { exact: true }).fill('Oak ends, planed, 40 × 40 mm.');
  await form.getByLabel(en.listingForm.quantity, { exact: true }).fill('30');
  await form.getByLabel(en.listingForm.unit, { exact: true }).selectOption('pieces');

  // --- publishing with the text file: refused by name, nothing published, the form keeps it all ---
  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/listings/with-photos'));
  await form.getByRole('button', { name: en.listingForm.submitCreate }).tap();
  expect((await refused).status()).toBe(422);
  await expect(form.getByTestId('form-error')).toHaveText(en.photos.refused);
  await expect(picker.getByTestId('photo-error')).toHaveText(
    'Photo 3 (“notes.txt”): not a JPEG, PNG or WebP image',
  );
  await expect(picker.getByRole('button', { name: en.photos.remove(3) })).toBeFocused();
  await picker.screenshot({ path: 'test-results/first-week-refused.png' });
  await expect(page).toHaveURL(/\/listings\/new$/);
  await expect(form.getByLabel(en.listingForm.title, { exact: true })).toHaveValue(title);
  await expect(items).toHaveCount(3);
  const none = await page.request.get(`/api/v1/listings?q=${word}`, { maxRetries: 2 });
  expect(((await none.json()) as { items: unknown[] }).items).toHaveLength(0);

  // --- removes it and publishes: one request, then the listing with a confirmation ---
  await picker.getByRole('button', { name: en.photos.remove(3) }).tap();
  await expect(items).toHaveCount(2);
  const published = page.waitForResponse((r) => r.url().endsWith('/api/v1/listings/with-photos'));
  await form.getByRole('button', { name: en.listingForm.submitCreate }).tap();
  expect((await published).status()).toBe(201);
  await expect(page).toHaveURL(/\/listings\/\d+\?published=1$/);
  const confirmation = page.getByTestId('listing-published');
  await expect(confirmation.getByRole('heading', { name: en.photos.published })).toBeFocused();
  await expect(confirmation).toContainText(en.photos.publishedNext);
  await expect(confirmation.getByRole('link', { name: en.photos.listAnother })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  for (const n of [1, 2]) {
    const photo = page.getByRole('img', { name: en.listing.photoAlt(title, n) });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
  // The cover is the photo moved first: 64 × 96 (portrait).
  const cover = page.getByRole('img', { name: en.listing.photoAlt(title, 1) });
  expect(await cover.evaluate((img: HTMLImageElement) => img.naturalHeight > img.naturalWidth)).toBe(true);
  await expectPhoneLayout(page, 'the new listing');
  await page.screenshot({ path: 'test-results/first-week-published.png', fullPage: true });
  const listingPath = new URL(page.url()).pathname;

  // --- edits the photos: removes the second, adds one and makes it the cover, in one save ---
  await confirmation.getByRole('link', { name: en.photos.addMore }).tap();
  await expect(items).toHaveCount(2);
  const coverSrc = (await srcs())[0];
  await picker.getByRole('button', { name: en.photos.remove(2) }).tap();
  await choose(page, en.photos.choose, [
    { name: 'end.png', mimeType: 'image/png', buffer: makePng(120, 40) },
  ]);
  await picker.getByRole('button', { name: en.photos.moveEarlier(2) }).tap();
  expect((await srcs())[1]).toBe(coverSrc);
  await form
    .getByLabel(en.listingForm.description, { exact: true })
    .fill('Oak ends, planed, 40 × 40 mm. Sorted by length.');
  const patches: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches.push(r.url());
  });
  const setPhotos = page.waitForResponse((r) => r.url().endsWith(`/api/v1${listingPath}/photos`));
  await form.getByRole('button', { name: en.listingForm.submitEdit }).tap();
  expect((await setPhotos).status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${listingPath}\\?saved=1$`));
  await expect(
    page.getByTestId('listing-published').getByRole('heading', { name: en.photos.saved }),
  ).toBeVisible();
  // The photos and the new description were one request.
  expect(patches).toEqual([]);
  await expect(page.getByText('Sorted by length.')).toBeVisible();
  const photos = page.getByRole('img', { name: new RegExp(`^${title}, photo`) });
  await expect(photos).toHaveCount(2);
  // The new cover is the wide one (120 × 40).
  await expect
    .poll(() =>
      photos.first().evaluate((img: HTMLImageElement) => img.naturalWidth / Math.max(1, img.naturalHeight)),
    )
    .toBeGreaterThan(2);

  // --- a maker of another hub finds it, with the photo on the search card ---
  const otherContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    const other = await otherContext.newPage();
    await login(other, 'sanne@rdm.demo');
    await other.goto(`/listings?q=${word}`);
    const card = other.getByTestId('results').getByTestId('listing-card').filter({ hasText: title });
    await expect(card).toHaveCount(1);
    const img = card.locator('img');
    await expect(img).toHaveAttribute('src', /\/api\/v1\/photos\/\d+/);
    await expect(img).toHaveAttribute('alt', title);
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    await expectPhoneLayout(other, 'search');
  } finally {
    await otherContext.close();
  }
});
