/**
 * The core loop of Omloop: a newcomer joins, starts a hub in Ghent and offers an offcut with a
 * photo; a maker from a hub in Rotterdam finds it by text and by distance and opens it.
 */
import { MESSAGES, expect, login, makePng, test, uniqueWord } from './fixtures/helpers';

const GHENT = { lat: 51.0543, lon: 3.7174 };
// RDM Rotterdam, the hub of sanne@rdm.demo (scripts/demo-data.mjs).
const RDM = { lat: 51.8985, lon: 4.417 };

/** Great-circle distance in km. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

test('a newcomer offers an offcut with a photo, and a maker from another hub finds it', async ({
  page,
  browser,
}) => {
  const en = MESSAGES.en;
  const word = uniqueWord('walnut');
  const email = `${word}@e2e.example`;
  const hubName = `Werkplaats ${word}`;
  const title = `Walnut offcuts ${word}`;

  // --- the newcomer signs up (the browser asks for English) ---
  await page.goto('/signup');
  const signup = page.getByTestId('signup-form');
  await signup.getByLabel(en.auth.displayName, { exact: true }).fill('Eva Newcomer');
  await signup.getByLabel(en.auth.email, { exact: true }).fill(email);
  await signup.getByLabel(en.auth.password, { exact: true }).fill('a-long-enough-password');
  await signup.getByRole('button', { name: en.auth.signupButton }).click();
  await expect(page.getByTestId('account-link')).toHaveText('Eva Newcomer');

  // --- creates a hub in Ghent ---
  await page.goto('/hubs/new');
  const hubForm = page.getByTestId('hub-form');
  await hubForm.getByLabel(en.hubForm.name, { exact: true }).fill(hubName);
  await hubForm.getByLabel(en.hubForm.slug, { exact: true }).fill(word);
  await hubForm.getByLabel(en.hubForm.kind, { exact: true }).selectOption('fab_lab');
  await hubForm.getByLabel(en.hubForm.city, { exact: true }).fill('Ghent');
  await hubForm.getByLabel(en.hubForm.country, { exact: true }).fill('BE');
  await hubForm.getByLabel(en.hubForm.lat, { exact: true }).fill(String(GHENT.lat));
  await hubForm.getByLabel(en.hubForm.lon, { exact: true }).fill(String(GHENT.lon));
  await hubForm
    .getByLabel(en.hubForm.description, { exact: true })
    .fill('A small fab lab near the Korenmarkt.');
  await hubForm.getByRole('button', { name: en.hubForm.submitCreate }).click();
  await expect(page).toHaveURL(new RegExp(`/hubs/${word}$`));
  await expect(page.getByRole('heading', { level: 1, name: hubName })).toBeVisible();

  // --- lists an offcut with a photo ---
  await page
    .getByRole('navigation', { name: en.nav.main })
    .getByRole('link', { name: en.nav.listings })
    .click();
  await page.getByRole('link', { name: en.listings.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.listingForm.newTitle })).toBeVisible();
  const listingForm = page.getByTestId('listing-form');
  await expect(listingForm.getByLabel(en.listingForm.hub, { exact: true })).toHaveValue(word);
  await listingForm.getByLabel(en.listingForm.kind, { exact: true }).selectOption('offcut');
  await listingForm.getByLabel(en.listingForm.category, { exact: true }).selectOption('hardwood');
  await listingForm.getByLabel(en.listingForm.title, { exact: true }).fill(title);
  await listingForm
    .getByLabel(en.listingForm.description, { exact: true })
    .fill('Planed walnut ends from a table top.');
  await listingForm.getByLabel(en.listingForm.quantity, { exact: true }).fill('14');
  await listingForm.getByLabel(en.listingForm.unit, { exact: true }).selectOption('pieces');
  await listingForm.getByLabel(en.listingForm.condition, { exact: true }).selectOption('good');
  await page.getByTestId('photo-input').setInputFiles({
    name: 'walnut.png',
    mimeType: 'image/png',
    buffer: makePng(),
  });
  await expect(listingForm.getByRole('img', { name: en.photos.previewAlt(1) })).toBeVisible();

  // The listing and its photo are one request.
  const upload = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/listings/with-photos') && r.request().method() === 'POST',
  );
  await listingForm.getByRole('button', { name: en.listingForm.submitCreate }).click();
  expect((await upload).status()).toBe(201);
  await expect(page).toHaveURL(/\/listings\/\d+\?published=1$/);
  await expect(page.getByRole('heading', { name: en.photos.published })).toBeVisible();
  const listingUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const ownPhoto = page.getByRole('img', { name: en.listing.photoAlt(title, 1) });
  await expect(ownPhoto).toBeVisible();
  await expect.poll(() => ownPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // --- a maker from RDM Rotterdam (Dutch UI) looks for it ---
  const other = await browser.newContext();
  try {
    const maker = await other.newPage();
    const nl = MESSAGES.nl;
    await login(maker, 'sanne@rdm.demo');
    await expect(maker.locator('html')).toHaveAttribute('lang', 'nl');

    // by text: the title's unique word
    await maker.goto('/listings');
    const filters = maker.getByTestId('search-form');
    await filters.getByLabel(nl.search.q, { exact: true }).fill(word);
    await filters.getByRole('button', { name: nl.search.apply }).click();
    await expect(maker).toHaveURL(new RegExp(`[?&]q=${word}`));
    const results = maker.getByTestId('results');
    const card = results.getByTestId('listing-card').filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(results.getByTestId('listing-card')).toHaveCount(1);
    await expect(card).toContainText(hubName);

    // by distance from the maker's own hub: not within 50 km of Rotterdam, but within 150 km
    // Near: the maker's own hub (listed under "my hubs" as under "all hubs": the same point).
    const near = filters.getByLabel(nl.finding.near, { exact: true });
    await near.selectOption(`${RDM.lat},${RDM.lon}`);
    // With words the best match comes first; the maker asks for the nearest instead.
    await expect(filters.getByLabel(nl.search.sort, { exact: true })).toHaveValue('relevance');
    await filters.getByLabel(nl.search.sort, { exact: true }).selectOption('nearest');
    await filters.getByLabel(nl.search.radius, { exact: true }).fill('50');
    await filters.getByRole('button', { name: nl.search.apply }).click();
    await expect(maker).toHaveURL(/[?&]radius_km=50/);
    await expect(maker).toHaveURL(/[?&]near=/);
    await expect(maker.getByText(nl.search.noResults)).toBeVisible();

    await filters.getByLabel(nl.search.radius, { exact: true }).fill('150');
    await filters.getByRole('button', { name: nl.search.apply }).click();
    await expect(maker).toHaveURL(/[?&]radius_km=150/);
    await expect(near).toHaveValue(`${RDM.lat},${RDM.lon}`);
    const distance = card.getByTestId('distance');
    await expect(distance).toHaveText(/^\d+ km$/);
    const shownKm = Number((await distance.textContent())?.replace(/\D/g, ''));
    expect(Math.abs(shownKm - distanceKm(RDM, GHENT))).toBeLessThan(2);

    // opens it and sees the photo
    await card.getByRole('link', { name: title }).click();
    await expect(maker).toHaveURL(new RegExp(`${listingUrl}$`));
    await expect(maker.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const photo = maker.getByRole('img', { name: nl.listing.photoAlt(title, 1) });
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(maker.getByTestId('listing-detail')).toContainText(hubName);
    // Someone else's listing cannot be edited from here.
    await expect(maker.getByTestId('edit-listing')).toHaveCount(0);
  } finally {
    await other.close();
  }
});
