/**
 * Offline reading: once the service worker controls the page, a listing read before still opens
 * without a network, marked as an offline copy with the time it was fetched, never as fresh.
 */
import { MESSAGES, expect, test } from './fixtures/helpers';

test.use({ serviceWorkers: 'allow' });

const en = MESSAGES.en;
// The notice's fixed wording around the time, e.g. "Offline copy from " … " — it may be out of date."
const [noticeStart, noticeEnd] = en.offline.copy('\u0000').split('\u0000') as [string, string];

test('a listing read before opens offline, marked as an offline copy', async ({ page, context }) => {
  const res = await page.request.get('/api/v1/listings?limit=1', { maxRetries: 2 });
  expect(res.ok()).toBe(true);
  const listing = ((await res.json()) as { items: { id: number; title: string }[] }).items[0]!;
  const heading = page.getByRole('heading', { level: 1, name: listing.title });
  const notice = page.getByTestId('offline-notice');

  await page.goto(`/listings/${listing.id}`);
  await expect(heading).toBeVisible();
  // The first visit installs the service worker, which takes the page at once.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

  // Read once through the service worker, which keeps the answer; online it is fresh: no notice.
  await page.reload();
  await expect(heading).toBeVisible();
  await expect(notice).toHaveCount(0);

  // Only listings are kept: not the session (/me), not anything else.
  const kept = await page.evaluate(async () => {
    const cache = await caches.open('omloop-api-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(kept).toContain(`/api/v1/listings/${listing.id}`);
  for (const path of kept) expect(path).toMatch(/^\/api\/v1\/listings(\/[^/]+)?$/);

  // Offline: the app shell and the kept listing still load, and the page says it is a copy.
  await context.setOffline(true);
  await page.reload();
  await expect(heading).toBeVisible();
  await expect(page.getByTestId('listing-detail')).toBeVisible();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(noticeStart);
  await expect(notice).toContainText(noticeEnd);
  await expect(notice).not.toHaveText(en.offline.copyUnknown);

  // Back online the listing is fetched again and shown as fresh.
  await context.setOffline(false);
  await page.reload();
  await expect(heading).toBeVisible();
  await expect(notice).toHaveCount(0);
});
