/**
 * A bundle claimed in one action: T2 Campus asks for 20 slate slabs; Maakleerplek Leuven and Buda
 * Factory each offer 10 (stone: a family no other browser test uses, so nobody another test counts
 * is told of these). The request's bundle claims both at once, one claim each with the request
 * named; the answer to the second is lost on the way (the server made the claim): the matches read
 * again show it as the hub's, so it reads "claimed" and is not sent again — one claim per listing,
 * 20 of 20 claimed.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiGet, apiPost, asMember, createListing } from './fixtures/flows';

type Progress = { claimed: number; exchanges: { id: number; quantity: number }[] };

test('claim all: one claim per listing, each result shown, a lost answer claims nothing twice', async ({
  page: emre,
  browser,
}) => {
  test.setTimeout(180_000);
  const word = uniqueWord('bundle');
  await emre.setViewportSize({ width: 360, height: 740 });
  await login(emre, 'emre@t2campus.demo');
  const e = MESSAGES[await pageLocale(emre)];
  const request = await apiPost<{ id: number }>(emre, '/requests', {
    hub: 't2-campus',
    title: `Slate for 20 shelves ${word}`,
    category: 'stone',
    quantity: 20,
    unit: 'sheets',
    fetchRadiusKm: 250,
  });
  const sheets = {
    category: 'stone',
    quantity: 10,
    unit: 'sheets',
    lengthMm: 600,
    widthMm: 400,
    thicknessMm: 18,
  };
  await asMember(browser, 'tom@maakleerplek.demo', (s) =>
    createListing(s, { hub: 'maakleerplek-leuven', title: `Slate A ${word}`, ...sheets }),
  );
  const buda = await asMember(browser, 'hanne@budafactory.demo', (s) =>
    createListing(s, { hub: 'buda-factory', title: `Slate B ${word}`, ...sheets }),
  );

  // The bundle appears once matching has run for the new listings.
  const bundle = emre.getByTestId('match-bundle');
  await expect(async () => {
    await emre.goto(`/requests/${request.id}`);
    await expect(bundle).toContainText(`Slate A ${word}`, { timeout: 5_000 });
    await expect(bundle).toContainText(`Slate B ${word}`, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });

  // The answer to the second claim is lost after the server made it.
  let lost = 0;
  await emre.route(/\/api\/v1\/listings\/\d+\/claims$/, async (route) => {
    const response = await route.fetch();
    if (lost === 0 && route.request().url().includes(`/listings/${buda.id}/`)) {
      lost++;
      expect(response.status()).toBe(201);
      await route.abort('internetdisconnected');
    } else await route.fulfill({ response });
  });

  const form = bundle.getByTestId('bundle-claim');
  await form.getByTestId('bundle-claim-all').click();
  // A message is needed, as for any claim: said next to its field, nothing sent.
  await expect(form.getByTestId('field-error-bundle-message')).toBeVisible();
  await form.getByLabel(e.matching.claimAllMessage).fill('For the shelves of our maker library.');
  await form.getByTestId('bundle-claim-all').click();
  const results = form.getByTestId('bundle-result');
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: `Slate A ${word}` })).toHaveAttribute('data-ok', 'true');
  await expect(results.filter({ hasText: `Slate B ${word}` })).toHaveAttribute('data-ok', 'true');
  await expect(form.getByRole('status')).toHaveText(e.matching.claimAllDone(2, 2));
  // Nothing is left to claim: no button to send anything again.
  await expect(form.getByTestId('bundle-claim-all')).toHaveCount(0);
  expect(lost).toBe(1);

  // What the server holds: one claim per listing, both for the request, 20 of 20 claimed.
  const progress = await apiGet<Progress>(emre, `/requests/${request.id}/progress`);
  expect(progress.claimed).toBe(20);
  expect(progress.exchanges.map((x) => x.quantity).sort()).toEqual([10, 10]);
  expect(await emre.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
