/**
 * Cards show what is left and the listing's photo: Hanne of Buda Factory offers 24 pieces with a
 * photo, Lotte of Broei claims 20 and Hanne accepts; the search card then says "4 of 24 pieces
 * left" (in nl, fr and en) and shows the photo as a lazy thumbnail with its size set.
 */
import { MESSAGES, expect, test, uniqueWord, switchLanguageOnPhone } from './fixtures/helpers';
import { addPhoto, apiGet, apiLogin, apiPost, createListing, type Exchange } from './fixtures/flows';

const PHONE = { width: 360, height: 740 };

test('a search card shows the quantity still available and the first photo', async ({ browser }) => {
  test.setTimeout(120_000);
  const word = uniqueWord('beech');
  const title = `Beech strip offcuts ${word}`;

  const giver = await browser.newContext();
  const receiver = await browser.newContext();
  const phone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    await apiLogin(giver, 'hanne@budafactory.demo');
    await apiLogin(receiver, 'lotte@broei.demo');
    const listing = await createListing(giver, {
      hub: 'buda-factory',
      title,
      category: 'hardwood',
      quantity: 24,
      unit: 'pieces',
      description: 'Beech strips left from a shelving project.',
    });
    await addPhoto(giver, listing.id, 'beech.png');
    const claimed = await apiPost<Exchange>(
      receiver,
      `/listings/${listing.id}/claims`,
      { hub: 'broei', quantity: 20, message: 'For our stool workshop.' },
      [201],
    );
    await apiPost<Exchange>(giver, `/exchanges/${claimed.id}/accept`, {}, [200]);

    const page = await phone.newPage();
    await page.goto(`/listings?q=${encodeURIComponent(word)}`);
    for (const locale of ['nl', 'fr', 'en'] as const) {
      const m = MESSAGES[locale];
      await switchLanguageOnPhone(page, locale);
      const card = page.getByTestId('results').getByTestId('listing-card').filter({ hasText: title });
      await expect(card).toHaveCount(1);
      await expect(card.getByTestId('card-left')).toHaveText(m.listing.left('4', `24 ${m.units.pieces}`));
      const img = card.locator('img');
      await expect(img).toHaveAttribute('src', /\/photos\/\d+/);
      await expect(img).toHaveAttribute('loading', 'lazy');
      await expect(img).toHaveAttribute('width', /\d+/);
      await expect(img).toHaveAttribute('height', /\d+/);
      await expect(img).toHaveAttribute('alt', title);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/cards-search-${locale}.png` });
    }
  } finally {
    await phone.close();
    await receiver.close();
    await giver.close();
  }
});

test("a request's match cards show what is left, the photo, or a drawing of the family", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const word = uniqueWord('shelf');
  const withPhoto = `Oak shelf boards ${word}`;
  const bare = `Beech table legs ${word}`;

  const tom = await browser.newContext();
  const lotte = await browser.newContext();
  const phone = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    await apiLogin(tom, 'tom@maakleerplek.demo');
    await apiLogin(lotte, 'lotte@broei.demo');
    await apiLogin(phone, 'emre@t2campus.demo');
    const request = await apiPost<{ id: number }>(phone, '/requests', {
      hub: 't2-campus',
      title: `Hardwood for a shelving class ${word}`,
      description: 'Boards and legs for twelve small shelves.',
      category: 'hardwood',
      quantity: 12,
      unit: 'pieces',
      fetchRadiusKm: 150,
    });
    const photoListing = await createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: withPhoto,
      category: 'hardwood',
      quantity: 10,
      unit: 'pieces',
      description: 'Oiled oak boards from a bookcase.',
    });
    await addPhoto(tom, photoListing.id, 'oak.png');
    await createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: bare,
      category: 'hardwood',
      quantity: 8,
      unit: 'pieces',
      description: 'Turned beech legs, never used.',
    });
    // Broei takes 7 of the 10 boards.
    const claimed = await apiPost<Exchange>(
      lotte,
      `/listings/${photoListing.id}/claims`,
      { hub: 'broei', quantity: 7, message: 'For our repair café.' },
      [201],
    );
    await apiPost<Exchange>(tom, `/exchanges/${claimed.id}/accept`, {}, [200]);

    const page = await phone.newPage();
    await page.goto(`/requests/${request.id}`);
    for (const locale of ['nl', 'fr', 'en'] as const) {
      const m = MESSAGES[locale];
      await switchLanguageOnPhone(page, locale);
      const photoCard = page.getByTestId('match').filter({ hasText: withPhoto });
      const bareCard = page.getByTestId('match').filter({ hasText: bare });
      // A reload at once cancels the save of the choice; the next start sends it again, so the
      // account ends in the chosen language and the page never falls back to the old one.
      await page.reload();
      await expect(async () => {
        const { user } = await apiGet<{ user: { locale: string } }>(phone, '/me');
        expect(user.locale).toBe(locale);
      }).toPass({ timeout: 15_000 });
      await expect(async () => {
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('lang', locale, { timeout: 5_000 });
        await expect(photoCard).toHaveCount(1, { timeout: 5_000 });
        await expect(bareCard).toHaveCount(1, { timeout: 5_000 });
      }).toPass({ timeout: 60_000 });
      await expect(photoCard.getByTestId('match-left')).toHaveText(
        m.listing.left('3', `10 ${m.units.pieces}`),
      );
      const img = photoCard.locator('img');
      await expect(img).toHaveAttribute('src', /\/photos\/\d+/);
      await expect(img).toHaveAttribute('loading', 'lazy');
      await expect(img).toHaveAttribute('alt', withPhoto);
      await expect(bareCard.getByTestId('match-left')).toHaveText(`8 ${m.units.pieces}`);
      await expect(bareCard.locator('img')).toHaveCount(0);
      await expect(bareCard.getByTestId('family-art')).toHaveAttribute('data-family', 'wood');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
      await photoCard.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/cards-matches-${locale}.png` });
    }
  } finally {
    await phone.close();
    await lotte.close();
    await tom.close();
  }
});
