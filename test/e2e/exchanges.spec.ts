/**
 * An exchange between two hubs: Lotte of Broei (Ghent) claims part of a Buda Factory (Kortrijk)
 * listing on its page; Hanne of Buda Factory accepts it in the exchange inbox and records the
 * handover; Lotte confirms it on her phone, in one screen; the listing shows what is left.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { createListing } from './fixtures/flows';

const PHONE = { width: 360, height: 740 };

test("a member of one hub claims another hub's listing, which accepts, hands over and is confirmed on a phone", async ({
  page: receiver,
  browser,
}) => {
  const word = uniqueWord('felt');
  const title = `Wool felt offcuts ${word}`;

  const giverSession = await browser.newContext();
  const phoneSession = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    // --- Buda Factory offers 10 pieces (set up through the API as Hanne) ---
    const giver = await giverSession.newPage();
    await login(giver, 'hanne@budafactory.demo');
    const listing = await createListing(giver, {
      hub: 'buda-factory',
      title,
      category: 'wool',
      quantity: 10,
      unit: 'pieces',
      lengthMm: 500,
      widthMm: 400,
      thicknessMm: 3,
      description: 'Grey wool felt from an acoustic panel project.',
    });

    // --- Lotte of Broei claims 4 of them on the listing page ---
    await login(receiver, 'lotte@broei.demo');
    const r = MESSAGES[await pageLocale(receiver)];
    await receiver.goto(`/listings/${listing.id}`);
    await expect(receiver.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(receiver.getByTestId('listing-remaining')).toHaveText(`10 ${r.units.pieces}`);
    const claim = receiver.getByTestId('claim-form');
    await expect(receiver.getByRole('heading', { name: r.exchanges.claimTitle })).toBeVisible();
    await claim.getByLabel(`${r.exchanges.claimQuantity} (${r.units.pieces})`, { exact: true }).fill('4');
    await claim
      .getByLabel(r.exchanges.claimMessage, { exact: true })
      .fill('For a sound-dampening booth our youth group is building.');
    await claim.getByRole('button', { name: r.exchanges.claimSubmit }).click();
    await expect(receiver).toHaveURL(/\/exchanges\/\d+$/);
    const exchangePath = new URL(receiver.url()).pathname;
    await expect(receiver.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(receiver.getByTestId('exchange-state')).toHaveText(r.exchanges.states.claimed);
    // Only the listing's hub accepts; the claimant can still withdraw.
    await expect(receiver.getByTestId('action-accept')).toHaveCount(0);
    await expect(receiver.getByRole('button', { name: r.exchanges.actions.cancel })).toBeVisible();

    // --- Hanne finds the claim among the incoming exchanges and accepts it ---
    const g = MESSAGES[await pageLocale(giver)];
    await giver
      .getByRole('navigation', { name: g.nav.main })
      .getByRole('link', { name: g.exchanges.nav })
      .click();
    await expect(giver.getByRole('heading', { level: 1, name: g.exchanges.inboxTitle })).toBeVisible();
    await giver.getByRole('button', { name: g.exchanges.incoming }).click();
    await expect(giver).toHaveURL(/[?&]role=incoming/);
    await expect(giver.getByRole('button', { name: g.exchanges.incoming })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const item = giver.getByTestId('exchange-item').filter({ hasText: title });
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('exchange-state')).toHaveText(g.exchanges.states.claimed);
    await expect(item).toContainText(g.exchanges.fromTo('Buda Factory', 'Broei vzw'));
    await expect(item).toContainText(`4 ${g.units.pieces}`);
    await item.getByRole('link', { name: title }).click();
    await expect(giver).toHaveURL(new RegExp(`${exchangePath}$`));
    await giver.getByRole('button', { name: g.exchanges.actions.accept }).click();
    await expect(giver.getByTestId('exchange-state')).toHaveText(g.exchanges.states.accepted);

    // Accepting reserves the claimed quantity on the listing.
    const afterAccept = await giver.request.get(`/api/v1/listings/${listing.id}`, { maxRetries: 2 });
    expect(((await afterAccept.json()) as { quantityRemaining: number }).quantityRemaining).toBe(6);

    // --- Hanne records the handover: all 4, weighed, by cargo bike ---
    const handover = giver.getByTestId('handover-form');
    const handedOver = handover.getByLabel(`${g.exchanges.handoverQuantity} (${g.units.pieces})`, {
      exact: true,
    });
    await expect(handedOver).toHaveValue('4');
    await handover.getByLabel(g.exchanges.handoverMass, { exact: true }).fill('1850');
    await handover.getByLabel(g.exchanges.handoverTransport, { exact: true }).selectOption('cargo_bike');
    await handover.getByRole('button', { name: g.exchanges.handoverSubmit }).click();
    await expect(giver.getByTestId('exchange-state')).toHaveText(g.exchanges.states.handed_over);
    // The recorder does not confirm their own handover.
    await expect(giver.getByTestId('action-confirm')).toHaveCount(0);
    await expect(giver.getByTestId('handover-form')).toHaveCount(0);

    // --- Lotte confirms on her phone: everything she needs in the first screen ---
    const phone = await phoneSession.newPage();
    await login(phone, 'lotte@broei.demo');
    const phoneLocale = await pageLocale(phone);
    const p = MESSAGES[phoneLocale];
    await phone.goto(exchangePath);
    await expect(phone.getByTestId('exchange-state')).toHaveText(p.exchanges.states.handed_over);
    const summary = phone.getByTestId('handover-summary');
    await expect(summary).toContainText(`4 ${p.units.pieces}`);
    await expect(summary).toContainText(p.exchanges.grams(new Intl.NumberFormat(phoneLocale).format(1850)));
    await expect(summary).toContainText(p.exchanges.transport.cargo_bike);
    const confirm = phone.getByRole('button', { name: p.exchanges.actions.confirm });
    // In one screen: the state, what was handed over and the button, without scrolling.
    expect(await phone.evaluate(() => window.scrollY)).toBe(0);
    for (const part of [phone.getByTestId('exchange-state'), summary, confirm])
      await expect(part).toBeInViewport({ ratio: 1 });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await confirm.tap();
    await expect(phone.getByTestId('exchange-state')).toHaveText(p.exchanges.states.completed);
    await expect(phone.getByTestId('exchange-flow')).toContainText(p.exchanges.massSource.weighed);
    await expect(phone.getByTestId('exchange-actions')).toHaveCount(0);

    // --- The listing shows what is left: 10 − 4 ---
    await phone.getByTestId('exchange-detail').getByRole('link', { name: title }).tap();
    await expect(phone).toHaveURL(new RegExp(`/listings/${listing.id}$`));
    await expect(phone.getByTestId('listing-remaining')).toHaveText(`6 ${p.units.pieces}`);
    await expect(phone.getByTestId('listing-quantity')).toHaveText(`10 ${p.units.pieces}`);

    // Hanne sees it completed in her inbox too.
    await giver.goto('/exchanges?role=incoming&state=completed');
    await expect(
      giver.getByTestId('exchange-item').filter({ hasText: title }).getByTestId('exchange-state'),
    ).toHaveText(g.exchanges.states.completed);
  } finally {
    await phoneSession.close();
    await giverSession.close();
  }
});
