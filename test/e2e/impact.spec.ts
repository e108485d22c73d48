/**
 * The figures of a network are sums of rows anyone can check: an exchange from T2 Campus (Genk)
 * to Maakleerplek Leuven completes through the API, weighed and moved by van; Eva, coordinator of
 * the Flanders & Brussels network, opens its dashboard, clicks a figure and sees the rows behind
 * it, ours among them, adding up to the figure.
 */
import type { Locator } from '@playwright/test';
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { asMember, completeExchange, createListing } from './fixtures/flows';

const NETWORK = { slug: 'flanders-brussels-makers', name: 'Flanders & Brussels maker hubs' };
const MASS_GRAMS = 12_500;

/** A whole number as the page writes it (any locale's digit grouping, a leading minus). */
function parseWhole(text: string | null): number {
  const digits = (text ?? '').replace(/[\u2212\u2012-\u2015]/g, '-').replace(/[^\d-]/g, '');
  expect(digits, `a number in "${text}"`).toMatch(/^-?\d+$/);
  return Number(digits);
}

/** The text of one column of every body row of a table, by the column's header. */
async function column(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((h) => h.trim() === header);
  expect(index, `column "${header}" in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return table
    .locator('tbody tr')
    .evaluateAll(
      (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]?.textContent?.trim() ?? ''),
      index,
    );
}

test('a coordinator clicks a network figure and sees the exchanges behind it, adding up to it', async ({
  page,
  browser,
}) => {
  const word = uniqueWord('oak');
  const title = `Oak offcuts ${word}`;

  // --- one exchange, start to end, through the API ---
  const done = await asMember(browser, 'bart@t2campus.demo', (bart) =>
    asMember(browser, 'griet@maakleerplek.demo', async (griet) => {
      const listing = await createListing(bart, {
        hub: 't2-campus',
        title,
        category: 'hardwood',
        quantity: 30,
        unit: 'pieces',
        lengthMm: 400,
        widthMm: 80,
        thicknessMm: 60,
        description: 'Oak ends from a staircase, unfinished.',
      });
      return completeExchange({
        giver: bart,
        receiver: griet,
        listingId: listing.id,
        receiverHub: 'maakleerplek-leuven',
        quantity: 25,
        massGrams: MASS_GRAMS,
        transportMode: 'van',
      });
    }),
  );
  const exchangeId = done.id;
  expect(done.flows).toEqual([expect.objectContaining({ massGrams: MASS_GRAMS, massSource: 'weighed' })]);

  // --- Eva opens the network's dashboard ---
  await login(page, 'eva@omloop-network.demo');
  const t = MESSAGES[await pageLocale(page)];
  const n = t.networks;
  await page.goto('/networks');
  await page.getByRole('link', { name: NETWORK.name }).click();
  await expect(page).toHaveURL(new RegExp(`/networks/${NETWORK.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: NETWORK.name })).toBeVisible();
  await expect(page.getByRole('heading', { name: n.totals })).toBeVisible();

  // --- kg diverted, weighed: the ledger rows behind it add up to it ---
  const weighed = page.getByRole('link', { name: n.figureLink(n.massWeighed) });
  await expect(weighed).toBeVisible();
  const weighedGrams = Number(await weighed.getAttribute('data-value'));
  expect(weighedGrams).toBeGreaterThanOrEqual(MASS_GRAMS);
  await weighed.click();
  await expect(page).toHaveURL(new RegExp(`/networks/${NETWORK.slug}/flows\\?.*mass_source=weighed`));
  await expect(page.getByRole('heading', { level: 1, name: n.drillTitle })).toBeVisible();
  const flows = page.getByTestId('flow-rows');
  const flowRows = flows.getByTestId('flow-row');
  await expect(flowRows.first()).toBeVisible();
  const exchanges = await column(flows, n.col.exchange);
  expect(exchanges).toContain(String(exchangeId));
  const ours = flowRows.filter({
    has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${exchangeId}$`) }),
  });
  await expect(ours).toHaveCount(1);
  await expect(ours).toContainText(n.massSources.weighed!);
  const masses = (await column(flows, n.col.mass)).map(parseWhole);
  expect(masses[exchanges.indexOf(String(exchangeId))]).toBe(MASS_GRAMS);
  for (const source of await column(flows, n.col.source)) expect(source).toBe(n.massSources.weighed);
  const rowSum = masses.reduce((s, g) => s + g, 0);
  expect(rowSum).toBe(weighedGrams);
  expect(parseWhole(await page.getByTestId('flow-mass-sum').textContent())).toBe(weighedGrams);

  // --- Exchanges: one impact row per exchange behind the count ---
  await page.getByRole('link', { name: n.back }).click();
  await expect(page).toHaveURL(new RegExp(`/networks/${NETWORK.slug}$`));
  const count = page.getByRole('link', { name: n.figureLink(n.exchanges) });
  const exchangeCount = Number(await count.getAttribute('data-value'));
  expect(exchangeCount).toBeGreaterThanOrEqual(1);
  await expect(count).toHaveText(String(exchangeCount));
  await count.click();
  await expect(page.getByRole('heading', { level: 1, name: n.drillTitle })).toBeVisible();
  const impacts = page.getByTestId('impact-rows');
  await expect(impacts.getByTestId('impact-row')).toHaveCount(exchangeCount);
  const impactExchanges = await column(impacts, n.col.exchange);
  expect(impactExchanges).toContain(String(exchangeId));
  expect(new Set(impactExchanges).size).toBe(exchangeCount);
});
