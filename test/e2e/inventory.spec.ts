/**
 * A busy hub's inventory: An, manager of Broei (Ghent), pastes rows from a spreadsheet into the
 * import page; the check names the one bad cell, the confirmed rows become listings anyone can find.
 * Then Emre of T2 Campus reports a listing and Marie, coordinator of the Flanders & Brussels
 * network, finds the report and hides the listing: it leaves search.
 */
import { IMPORT_FIELDS } from '../../src/shared/imports.schemas';
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiGet, asMember, createListing } from './fixtures/flows';

type Page = { items: { id: number; title: string }[] };

/** One CSV line in the import format. */
function line(values: Partial<Record<(typeof IMPORT_FIELDS)[number], string>>): string {
  const row: Record<string, string> = {
    kind: 'offcut',
    description: 'From the workshop',
    category: 'birch-plywood',
    quantity: '3',
    unit: 'sheets',
    lengthMm: '600',
    widthMm: '400',
    thicknessMm: '18',
    condition: 'good',
    priceType: 'free',
    ...values,
  };
  return IMPORT_FIELDS.map((f) => row[f] ?? '').join(',');
}

test('a hub manager imports a CSV from the browser: the bad cell is named, the rest become listings', async ({
  page,
}) => {
  const word = uniqueWord('batch');
  const titles = [`Birch offcuts ${word} one`, `Birch offcuts ${word} two`];
  const csv = [
    IMPORT_FIELDS.join(','),
    line({ title: titles[0] }),
    line({ title: `Birch offcuts ${word} broken`, quantity: 'lots' }),
    line({ title: titles[1], quantity: '5' }),
  ].join('\n');

  await login(page, 'an@broei.demo');
  const t = MESSAGES[await pageLocale(page)];
  const m = t.inventory;
  await page.goto('/hubs/broei/import');
  await page.getByLabel(m.csvText, { exact: true }).fill(csv);
  await page.getByTestId('import-check').click();

  // The check creates nothing and names the one bad cell: row 2, quantity.
  const result = page.getByTestId('import-check-result');
  await expect(result.getByRole('heading', { level: 2, name: m.summary(2, 3) })).toBeVisible();
  const errorRows = result.getByTestId('import-error-row');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.locator('td').nth(0)).toHaveText('2');
  await expect(errorRows.locator('td').nth(1)).toHaveText('quantity');
  const before = await apiGet<Page>(page, `/listings?q=${word}`);
  expect(before.items).toHaveLength(0);

  // Confirming creates the two valid rows at once.
  await result.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText(m.done(2));

  // Anyone finds them, from the listings page.
  await page.goto(`/listings?q=${word}`);
  for (const title of titles) await expect(page.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('link', { name: `Birch offcuts ${word} broken` })).toHaveCount(0);
});

test('a report reaches the network coordinator, who hides the listing: it leaves search', async ({
  page,
  browser,
}) => {
  const word = uniqueWord('dubious');
  const title = `Mystery panels ${word}`;
  const listing = await asMember(browser, 'an@broei.demo', (an) =>
    createListing(an, { hub: 'broei', title, category: 'mdf', quantity: 4, unit: 'sheets' }),
  );

  // --- Emre of another hub reports it from the listing's page ---
  await login(page, 'emre@t2campus.demo');
  const t = MESSAGES[await pageLocale(page)];
  const m = t.inventory;
  await page.goto(`/listings/${listing.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const report = page.getByTestId(`report-listing-${listing.id}`);
  await report.getByText(m.report, { exact: true }).click();
  await report.getByLabel(m.reportReason, { exact: true }).selectOption('misleading');
  await report.getByLabel(m.reportText, { exact: true }).fill('The photos show painted chipboard, not MDF.');
  await report.getByTestId('report-send').click();
  await expect(report.getByTestId('report-sent')).toHaveText(m.reportSent);

  // --- Marie, coordinator of the network Broei belongs to, sees it ---
  const coordinator = await browser.newContext();
  const marie = await coordinator.newPage();
  try {
    await login(marie, 'marie@netwerk-vlaanderen.demo');
    const mm = MESSAGES[await pageLocale(marie)].inventory;
    await marie.goto('/networks/flanders-brussels-makers');
    await marie.getByTestId('network-reports-link').click();
    await expect(marie).toHaveURL(/\/networks\/flanders-brussels-makers\/reports/);
    const item = marie.getByTestId('report').filter({ hasText: title });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(mm.reasons.misleading);
    await expect(item).toContainText('painted chipboard');
    await expect(item.getByRole('link', { name: title })).toHaveAttribute('href', `/listings/${listing.id}`);

    // She hides it, saying why; the listing leaves search for everyone else.
    marie.once('dialog', (d) => void d.accept('Not what it says: see the report'));
    await item.getByTestId('hide-item').click();
    // Hiding resolves the report: it leaves the open ones and shows, hidden, among all.
    await expect(item).toHaveCount(0);
    await marie.getByTestId('report-status').selectOption('all');
    await expect(item.getByTestId('hidden-badge')).toHaveText(mm.hiddenBadge);
  } finally {
    await coordinator.close();
  }
  const found = await apiGet<Page>(page, `/listings?q=${word}`);
  expect(found.items.map((i) => i.title)).not.toContain(title);
});
