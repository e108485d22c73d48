/**
 * A recurring stream: Hanne of Buda Factory (Kortrijk) offers birch offcuts every week from her
 * hub's page; Lotte of Broei (Ghent), on a 360 px phone, reserves the next two occurrences on the
 * stream's page and sees them reserved for her hub; the hub page lists the stream.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';

const PHONE = { width: 360, height: 740 };

test('a hub creates a weekly stream and another hub reserves two occurrences on a phone', async ({
  page: giver,
  browser,
}) => {
  const title = `Birch offcuts every week ${uniqueWord('stream')}`;

  // --- Hanne creates the stream from her hub's page ---
  await login(giver, 'hanne@budafactory.demo');
  const g = MESSAGES[await pageLocale(giver)];
  await giver.goto('/hubs/buda-factory');
  await expect(giver.getByRole('heading', { level: 2, name: g.streams.title })).toBeVisible();
  await giver.getByTestId('new-stream-link').click();
  await expect(giver.getByRole('heading', { level: 1, name: g.streams.newTitle })).toBeVisible();
  const form = giver.getByTestId('stream-form');
  await expect(form.getByLabel(g.streams.hub, { exact: true })).toHaveValue('buda-factory');
  await form.getByLabel(g.listingForm.kind, { exact: true }).selectOption('offcut');
  await form.getByLabel(g.listingForm.category, { exact: true }).selectOption('birch-plywood');
  await form.getByLabel(g.listingForm.title, { exact: true }).fill(title);
  await form.getByLabel(g.streams.quantity, { exact: true }).fill('15');
  await form.getByLabel(g.listingForm.unit, { exact: true }).selectOption('kg');
  await form.getByLabel(g.streams.repeats, { exact: true }).selectOption('weekly');
  await form.getByLabel(g.streams.occurrences, { exact: true }).fill('4');
  await form.getByRole('button', { name: g.streams.submit }).click();
  await expect(giver).toHaveURL(/\/streams\/\d+$/);
  const streamPath = new URL(giver.url()).pathname;
  await expect(giver.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(giver.getByTestId('stream-schedule')).toContainText(g.streams.schedule('weekly', 1, null));
  await expect(giver.getByTestId('occurrence')).toHaveCount(4);
  await expect(giver.getByTestId('stream-counts')).toHaveText(g.streams.counts(0, 0, 4));
  // Her own hub cannot subscribe to its own stream: no form.
  await expect(giver.getByTestId('subscribe')).toHaveCount(0);

  // --- Lotte of Broei reserves the next two on her phone ---
  const phoneSession = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const phone = await phoneSession.newPage();
    await login(phone, 'lotte@broei.demo');
    const r = MESSAGES[await pageLocale(phone)];
    await phone.goto(streamPath);
    await expect(phone.getByRole('heading', { level: 1, name: title })).toBeVisible();
    const subscribe = phone.getByTestId('subscribe');
    await expect(subscribe.getByRole('heading', { name: r.streams.subscribeTitle })).toBeVisible();
    await subscribe.getByLabel(r.streams.subscribeCount, { exact: true }).fill('2');
    await subscribe.getByRole('button', { name: r.streams.subscribeSubmit }).click();
    await expect(phone.getByTestId('stream-notice')).toHaveText(r.streams.subscribed(2));
    const occurrences = phone.getByTestId('occurrence');
    await expect(occurrences.nth(0)).toContainText(r.streams.reservedBy('Broei vzw'));
    await expect(occurrences.nth(1)).toContainText(r.streams.reservedBy('Broei vzw'));
    await expect(occurrences.nth(2)).toContainText(r.streams.states.upcoming);
    await expect(phone.getByTestId('stream-counts')).toHaveText(r.streams.counts(0, 2, 2));
    await expect(phone.getByTestId('subscription')).toContainText(r.streams.subscription('Broei vzw', 2));
    // Nothing overflows the phone's width.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await phoneSession.close();
  }

  // --- The giving hub sees who reserved, on the stream and on its hub page ---
  await giver.reload();
  await expect(giver.getByTestId('occurrence').nth(0)).toContainText(g.streams.reservedBy('Broei vzw'));
  await giver.goto('/hubs/buda-factory');
  const onHub = giver.getByTestId('hub-stream').filter({ hasText: title });
  await expect(onHub).toBeVisible();
  await expect(onHub.getByTestId('hub-stream-handed-over')).toHaveText(
    g.streams.handedOverTotal(`0 ${g.units.kg}`),
  );

  // A third person sees the schedule but not who reserved.
  const stranger = await browser.newContext();
  try {
    const page = await stranger.newPage();
    await page.goto(streamPath);
    await expect(page.getByTestId('occurrence').nth(0)).toHaveAttribute('data-state', 'reserved');
    await expect(page.getByTestId('occurrence').nth(0)).not.toContainText('Broei');
  } finally {
    await stranger.close();
  }
});
