/**
 * Machine time that books like people expect, on a 390-px phone (scripts/demo-data.mjs):
 * Nathalie (Atelier Groot Eiland, no CNC training) sees that RDM's CNC router needs a training
 * before any slot and requests it; RDM's manager finds it among her tasks. Fatima (RDM, trained in
 * laser safety at Broei, which RDM accepts) books two consecutive slots of RDM's laser in one
 * confirmation, then books the same laser from a machine_time listing that names it.
 */
import type { Page } from '@playwright/test';
import { expect, login, MESSAGES, pageLocale, test } from './fixtures/helpers';
import { apiGet, apiLogin, apiPost } from './fixtures/flows';

test.use({ viewport: { width: 390, height: 844 } });

type Machine = { id: number; name: string; hub: { slug: string } };
type Booking = { id: number; startsAt: string; endsAt: string; machine: { id: number } };

async function machineNamed(page: Page, name: RegExp): Promise<Machine> {
  const { items } = await apiGet<{ items: Machine[] }>(page, '/machines?hub=rdm-rotterdam');
  const found = items.find((m) => name.test(m.name));
  expect(found, `machine ${name}`).toBeTruthy();
  return found!;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

/** From next week on, the first two free slots in a row: [first, second] starts. */
async function twoInARow(page: Page, path: string): Promise<[string, string]> {
  for (let week = 1; week < 5; week++) {
    await page.goto(`${path}?week=${week}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // On a listing's page the booking arrives just after the listing paints.
    await expect(page.getByTestId('week-calendar')).toBeVisible();
    const starts = (await page
      .getByTestId('slot-free')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-starts-at') ?? ''))) as string[];
    for (let i = 0; i + 1 < starts.length; i++)
      if (Date.parse(starts[i + 1]!) - Date.parse(starts[i]!) === 3600_000)
        return [starts[i]!, starts[i + 1]!];
  }
  throw new Error(`no two free slots in a row at ${path}`);
}

test('a member without the training sees it before any slot and requests it; the hub’s manager gets a task', async ({
  page,
  browser,
}) => {
  await login(page, 'nathalie@grooteiland.demo');
  const router = await machineNamed(page, /CNC router/);
  await page.goto(`/machines/${router.id}`);
  // Nathalie reads French.
  const m = MESSAGES.fr;
  const notice = page.getByTestId('training-needed');
  await expect(notice).toContainText('CNC-frezen basis');
  // No slot can be chosen before the training is recorded.
  await expect(page.getByTestId('slot-free')).toHaveCount(0);
  await noSidewaysScroll(page);

  await page.getByTestId('request-training').click();
  await expect(page.getByTestId('training-requested')).toHaveText(m.machines.training_request.sent);
  await page.reload();
  await expect(page.getByTestId('training-pending')).toBeVisible();
  await expect(page.getByTestId('request-training')).toHaveCount(0);

  // Sanne (RDM's manager) has it among her tasks and on the hub's machines page.
  const manager = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    await apiLogin(manager, 'sanne@rdm.demo');
    const tasks = await apiGet<{ items: { kind: string; title: string; path: string }[] }>(
      manager,
      '/me/tasks',
    );
    const task = tasks.items.find(
      (t) => t.kind === 'training_to_record' && t.title.includes('CNC-frezen basis'),
    );
    expect(task?.path).toBe('/hubs/rdm-rotterdam/machines#training-requests');
    const managerPage = await manager.newPage();
    await managerPage.goto(task!.path);
    const request = managerPage
      .getByTestId('training-request')
      .filter({ hasText: 'CNC-frezen basis' })
      .first();
    await expect(request).toBeVisible();
    // She records it: the request leaves the list and Nathalie can choose slots.
    await request.getByTestId('record-request').click();
    await expect(managerPage.getByTestId('training-request').filter({ hasText: 'Nathalie' })).toHaveCount(0);
  } finally {
    await manager.close();
  }
  await page.reload();
  await expect(page.getByTestId('training-needed')).toHaveCount(0);
  await expect(page.getByTestId('qualification')).toBeVisible();
});

test('a trained member books two consecutive slots in one confirmation', async ({ page }) => {
  await login(page, 'fatima@rdm.demo');
  const laser = await machineNamed(page, /1300/);
  const [first, second] = await twoInARow(page, `/machines/${laser.id}`);
  const m = MESSAGES[await pageLocale(page)];

  await page.locator(`[data-testid="slot-free"][data-starts-at="${first}"]`).click();
  await page.locator(`[data-testid="slot-free"][data-starts-at="${second}"]`).click();
  await expect(page.getByTestId('booking-choice')).toContainText(m.machines.booking.review);
  await page.getByTestId('review-booking').click();

  const confirm = page.getByTestId('booking-confirm');
  await expect(confirm.getByTestId('confirm-machine')).toHaveText(laser.name);
  await expect(confirm).toContainText('RDM Rotterdam');
  // €20 an hour, two hours.
  await expect(confirm.getByTestId('confirm-price')).toContainText('40');
  await expect(confirm.getByTestId('confirm-rules')).toContainText('Lasersnijden veilig');
  await noSidewaysScroll(page);
  await confirm.getByTestId('confirm-booking').click();
  await expect(page.getByTestId('booking-done')).toBeVisible();

  // One booking of two hours, from the first slot's start.
  const { items } = await apiGet<{ items: Booking[] }>(page, '/me/bookings');
  const booking = items.find(
    (b) => b.machine.id === laser.id && Date.parse(b.startsAt) === Date.parse(first),
  );
  expect(booking).toBeTruthy();
  expect(Date.parse(booking!.endsAt) - Date.parse(booking!.startsAt)).toBe(2 * 3600_000);
  await expect(page.locator(`[data-testid="slot-free"][data-starts-at="${second}"]`)).toHaveCount(0);

  // Cancelling gives the time back.
  const cancelled = await page.request.delete(`/api/v1/bookings/${booking!.id}`, {
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(cancelled.status()).toBe(200);
});

test('the page of a machine_time listing books the machine it names', async ({ page, browser }) => {
  // Sanne offers RDM's laser time as a listing that names the machine.
  const manager = await browser.newContext();
  let listingId: number;
  let laser: Machine;
  try {
    await apiLogin(manager, 'sanne@rdm.demo');
    const { items } = await apiGet<{ items: Machine[] }>(manager, '/machines?hub=rdm-rotterdam');
    laser = items.find((x) => /1300/.test(x.name))!;
    const listing = await apiPost<{ id: number; machineId: number | null }>(manager, '/listings', {
      hub: 'rdm-rotterdam',
      kind: 'machine_time',
      title: 'Spare laser hours on weekdays',
      category: 'laser-cutting',
      quantity: 10,
      unit: 'hours',
      condition: 'good',
      machineId: laser.id,
    });
    expect(listing.machineId).toBe(laser.id);
    listingId = listing.id;
  } finally {
    await manager.close();
  }

  await login(page, 'fatima@rdm.demo');
  const [first] = await twoInARow(page, `/listings/${listingId}`);
  await expect(page.getByTestId('listing-machine-link')).toHaveText(laser.name);
  // Booked here, not claimed: the listing has no claim form.
  await expect(page.getByTestId('claim-box')).toHaveCount(0);
  await page.locator(`[data-testid="slot-free"][data-starts-at="${first}"]`).click();
  await page.getByTestId('review-booking').click();
  await expect(page.getByTestId('confirm-machine')).toHaveText(laser.name);
  await page.getByTestId('confirm-booking').click();
  await expect(page.getByTestId('booking-done')).toBeVisible();
  await noSidewaysScroll(page);
  const { items } = await apiGet<{ items: Booking[] }>(page, '/me/bookings');
  const booking = items.find(
    (b) => b.machine.id === laser.id && Date.parse(b.startsAt) === Date.parse(first),
  );
  expect(booking).toBeTruthy();
  await page.request.delete(`/api/v1/bookings/${booking!.id}`, {
    headers: { Origin: new URL(page.url()).origin },
  });
});

test('a machine_time listing without a machine says so to its hub’s manager', async ({ page }) => {
  await login(page, 'an@broei.demo');
  const { items } = await apiGet<{ items: { id: number; title: string }[] }>(
    page,
    '/listings?q=Wednesday%20afternoons',
  );
  const listing = items.find((l) => /Wednesday afternoons/.test(l.title));
  expect(listing).toBeTruthy();
  await page.goto(`/listings/${listing!.id}`);
  await expect(page.getByTestId('listing-machine-missing')).toBeVisible();
  await noSidewaysScroll(page);

  // The manager names Broei's laser in the listing form; the page then books it.
  await page.getByTestId('listing-machine-missing').getByRole('link').click();
  const select = page.getByTestId('listing-machine-select');
  await select.selectOption({ label: 'Laser cutter (Trotec Speedy 400)' });
  await page.getByTestId('listing-submit').click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listing!.id}`));
  await expect(page.getByTestId('listing-machine-link')).toHaveText('Laser cutter (Trotec Speedy 400)');
  await expect(page.getByTestId('listing-machine-missing')).toHaveCount(0);
});
