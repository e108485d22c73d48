/**
 * Machine time across hubs: Fatima of RDM Rotterdam, trained in laser safety at Broei, books
 * Broei's laser cutter on a phone and finds the booking among her own (scripts/demo-data.mjs).
 */
import { expect, login, test } from './fixtures/helpers';

test.use({ viewport: { width: 360, height: 780 } });

test("a trained member of one hub books another hub's laser cutter and sees it in their bookings", async ({
  page,
}) => {
  await login(page, 'fatima@rdm.demo');
  await page.goto('/machines?type=laser_cutter');
  await page
    .getByTestId('machines-list')
    .getByRole('link', { name: /Trotec/ })
    .click();
  await expect(page.getByTestId('machine-rules')).toContainText('PVC');
  await expect(page.getByTestId('qualification')).toBeVisible();

  // The first free slot from next week on (well before the cancel deadline).
  // Each step waits for its week to be shown: until then the slots on screen are this week's
  // (on a morning, today's later slots are free and inside the cancel deadline).
  await page.getByRole('link', { name: /→/ }).click();
  await expect(page).toHaveURL(/week=1$/);
  let slot = page.getByTestId('slot-free').first();
  for (let week = 2; week < 5 && !(await slot.isVisible()); week++) {
    await page.getByRole('link', { name: /→/ }).click();
    await expect(page).toHaveURL(new RegExp(`week=${week}$`));
    slot = page.getByTestId('slot-free').first();
  }
  const startsAt = await slot.getAttribute('data-starts-at');
  expect(startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
  // Choosing a slot asks for one confirmation that states what is booked.
  await slot.click();
  await page.getByTestId('review-booking').click();
  await expect(page.getByTestId('confirm-machine')).toContainText('Trotec');
  await page.getByTestId('confirm-booking').click();
  await expect(page.getByTestId('booking-done')).toBeVisible();
  await expect(page.locator(`[data-testid="slot-free"][data-starts-at="${startsAt}"]`)).toHaveCount(0);

  await page.goto('/account/bookings');
  const booking = page.getByTestId('my-booking').filter({ hasText: 'Trotec' });
  await expect(booking).toHaveCount(1);
  await expect(booking).toContainText('Broei');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Cancelling frees it again.
  page.once('dialog', (d) => void d.accept());
  await booking.getByTestId('cancel-booking').click();
  await expect(page.getByTestId('my-booking').filter({ hasText: 'Trotec' })).toHaveCount(0);
});
