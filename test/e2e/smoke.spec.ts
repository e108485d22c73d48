import { test, expect } from './fixtures/helpers';
test('home', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('h1')).toBeVisible();
  console.log(await page.locator('html').getAttribute('lang'), await page.locator('h1').textContent());
});
