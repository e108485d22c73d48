/**
 * On a 390-px phone: a newcomer signs up, asks to join Broei with a message, sees the request
 * waiting; Broei's manager (Dutch) finds it on the hub page and accepts; the newcomer is a member.
 */
import { MESSAGES, expect, login, test, uniqueWord } from './fixtures/helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('a newcomer asks to join Broei and a manager accepts', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const en = MESSAGES.en;
  const nl = MESSAGES.nl;
  const word = uniqueWord('joiner');
  const name = `Nora ${word}`;

  await page.goto('/signup');
  const signup = page.getByTestId('signup-form');
  await signup.getByLabel(en.auth.displayName, { exact: true }).fill(name);
  await signup.getByLabel(en.auth.email, { exact: true }).fill(`${word}@e2e.example`);
  await signup.getByLabel(en.auth.password, { exact: true }).fill('a-long-enough-password');
  await signup.getByRole('button', { name: en.auth.signupButton }).click();
  await expect(page.getByTestId('account-link')).toBeVisible();

  await page.goto('/hubs/broei');
  const join = page.getByTestId('join-hub');
  await expect(join).toBeVisible();
  await join
    .getByLabel(en.join.message)
    .fill('I make stools from offcuts and would like to help sort the wood.');
  await join.getByTestId('ask-to-join').click();
  await expect(page.getByTestId('join-pending')).toBeVisible();
  // Still pending after a reload: the request is the server's.
  await page.reload();
  await expect(page.getByTestId('join-pending')).toBeVisible();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await manager.setViewportSize({ width: 390, height: 844 });
  await login(manager, 'an@broei.demo');
  await manager.goto('/hubs/broei#join-requests');
  const requests = manager.getByTestId('join-requests');
  await expect(requests.getByRole('heading', { name: nl.join.requestsTitle })).toBeVisible();
  const item = requests.getByTestId('join-request').filter({ hasText: name });
  await expect(item).toContainText('I make stools from offcuts');
  await item.getByRole('button', { name: nl.join.acceptLabel(name) }).click();
  await expect(requests.getByRole('status')).toHaveText(nl.join.acceptedNotice(name));
  await expect(requests.getByTestId('join-request').filter({ hasText: name })).toHaveCount(0);
  // The new member's long address widens the members table; the table scrolls, the page does not.
  await expect(manager.getByTestId('members-table')).toContainText(`${word}@e2e.example`);
  const managerWidth = await manager.evaluate(() => document.documentElement.scrollWidth);
  expect(managerWidth).toBeLessThanOrEqual(390);
  await managerContext.close();

  await page.reload();
  await expect(page.getByTestId('my-role')).toBeVisible();
  await expect(page.getByTestId('join-hub')).toHaveCount(0);
  const widths = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(widths).toBeLessThanOrEqual(390);
});
