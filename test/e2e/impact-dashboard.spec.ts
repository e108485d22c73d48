/**
 * The dashboard for people: after two exchanges in the Flanders & Brussels network, Eva (its
 * coordinator) sees the headline first — net kg CO2e, kg reused, exchanges — and each headline
 * figure equals the sum of the rows behind it; the per-hub CSV's columns add up to the totals;
 * the page fits a 1366-px window and a 360-px phone; axe finds nothing serious; the drill-down
 * says its filters and transport modes in words.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { parseCsv } from '../../src/modules/impact/impact.csv';
import { COLUMN_TOTALS, CSV_GROUP_COLUMNS } from '../../src/modules/impact/impact.exports';
import type { TImpactDashboard, TImpactReport } from '../../src/shared/impact.schemas';
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { asMember, completeExchange, createListing } from './fixtures/flows';

const NETWORK = 'flanders-brussels-makers';

function parseNumber(text: string | null, locale: string): number {
  const t = (text ?? '').replace(/[\u2212\u2012-\u2015]/g, '-').replace(/[\s\u00a0\u202f]/g, '');
  const normal = locale === 'en' ? t.replace(/,/g, '') : t.replace(/\./g, '').replace(',', '.');
  const n = Number(normal.replace(/[^\d.-]/g, ''));
  expect(Number.isFinite(n), `a number in "${text}"`).toBe(true);
  return n;
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => ['serious', 'critical'].includes(v.impact ?? '') || v.id === 'nested-interactive')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

async function expectFits(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page wider than the window').toBeLessThanOrEqual(0);
}

test('a coordinator reads the headline first, and every figure adds up', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const word = uniqueWord('ply');
  await asMember(browser, 'bart@t2campus.demo', (bart) =>
    asMember(browser, 'griet@maakleerplek.demo', async (griet) => {
      for (const [i, mode] of (['van', 'cargo_bike'] as const).entries()) {
        const listing = await createListing(bart, {
          hub: 't2-campus',
          title: `Plywood ${word} ${i}`,
          category: 'plywood',
          quantity: 10,
          unit: 'sheets',
          lengthMm: 1200,
          widthMm: 600,
          thicknessMm: 18,
        });
        const done = await completeExchange({
          giver: bart,
          receiver: griet,
          listingId: listing.id,
          receiverHub: 'maakleerplek-leuven',
          quantity: 5,
          massGrams: 20_000 + i * 1000,
          transportMode: mode,
        });
        // The moment it counts: both hubs see on the exchange page what it saved, with its method.
        for (const side of [bart, griet]) {
          const p = await side.newPage();
          await p.setViewportSize({ width: 360, height: 800 });
          await p.goto(`/exchanges/${done.id}`);
          const saved = p.getByTestId('exchange-saved');
          await expect(saved.getByTestId('saved-kg')).toHaveAttribute(
            'data-value',
            String(20_000 + i * 1000),
          );
          const api = (await (
            await p.request.get(`/api/v1/exchanges/${done.id}/impact`, { maxRetries: 2 })
          ).json()) as {
            impact: { co2eNetG: number };
          };
          await expect(saved.getByTestId('saved-co2e')).toHaveAttribute(
            'data-value',
            String(api.impact.co2eNetG),
          );
          if (i === 0 && side === griet) {
            await info.attach('exchange-saved-360', {
              body: await p.screenshot({ fullPage: true, path: info.outputPath('exchange-saved-360.png') }),
              contentType: 'image/png',
            });
            await saved.getByTestId('saved-method-link').click();
            await expect(p.getByTestId('method-page')).toBeVisible();
          }
          await p.close();
        }
      }
    }),
  );

  await page.setViewportSize({ width: 1366, height: 900 });
  await login(page, 'eva@omloop-network.demo');
  const locale = await pageLocale(page);
  const n = MESSAGES[locale].networks;
  await page.goto(`/networks/${NETWORK}`);
  const headline = page.getByTestId('headline');
  await expect(headline).toBeVisible();
  // The headline comes first: before the totals table, the Sankey and the hub table.
  const order = await page.evaluate(() =>
    ['headline', 'totals', 'sankey', 'hub-table'].map(
      (id) => document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1,
    ),
  );
  expect(order[0]).toBeLessThan(order[1]!);
  expect(order[1]).toBeLessThan(order[2]!);
  // The method is said once on the page.
  await expect(page.getByTestId('method-line')).toHaveCount(1);
  await expectFits(page);
  await expectAxeClean(page);
  await info.attach('dashboard-1366', {
    body: await page.screenshot({ fullPage: true, path: info.outputPath('dashboard-1366.png') }),
    contentType: 'image/png',
  });

  const report = (await (
    await page.request.get(`/api/v1/networks/${NETWORK}/impact`, { maxRetries: 2 })
  ).json()) as TImpactReport;
  const net = page.getByTestId('headline-link-co2eNet');
  expect(Number(await net.getAttribute('data-value'))).toBe(report.totals.co2eNet.value);
  const known = page.getByTestId('headline-link-massKnown');
  const knownGrams = Number(await known.getAttribute('data-value'));
  expect(knownGrams).toBe(report.totals.massWeighed.value + report.totals.massEstimated.value);

  // The hub table's sum row says the headline's figures.
  const sumRow = page.getByTestId('hub-sum-row');
  const cells = await sumRow.locator('td').allTextContents();
  expect(parseNumber(cells[2]!, locale)).toBeCloseTo(report.totals.co2eNet.value / 1000, 0);
  expect(parseNumber(cells[3]!, locale)).toBe(report.totals.exchanges.value);

  // The per-hub CSV, as the page links it (in the page's language: semicolons and decimal
  // commas in nl and fr, with a BOM): each column sums to the totals.
  const csvHref = await page.getByTestId('export-hubs').getAttribute('href');
  expect(csvHref).toContain(`lang=${locale}`);
  const csvBytes = new Uint8Array(await (await page.request.get(csvHref!, { maxRetries: 2 })).body());
  expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const sep = locale === 'en' ? ',' : ';';
  const rows = parseCsv(new TextDecoder().decode(csvBytes), sep);
  for (const [name, col, div] of CSV_GROUP_COLUMNS) {
    if (col === 'key' || col === 'label') continue;
    expect(
      rows.reduce((s, r) => s + Math.round(Number((r[name] || '0').replace(',', '.')) * div), 0),
      name,
    ).toBe(COLUMN_TOTALS[col](report.totals));
  }

  // Net CO2e: the impact rows behind it add up to it.
  await net.click();
  await expect(page.getByRole('heading', { level: 1, name: n.drillTitle })).toBeVisible();
  const netSum = parseNumber(await page.getByTestId('impact-net-sum').textContent(), locale);
  expect(netSum).toBe(report.totals.co2eNet.value);
  await expect(page.getByTestId('impact-row')).toHaveCount(report.totals.exchanges.value);
  await expect(page.getByTestId('impact-rows')).toContainText(MESSAGES[locale].exchanges.transport.van);
  await expectFits(page);
  await expectAxeClean(page);

  // kg reused: the rows of known mass add up to it; the filters are said in words.
  await page.goBack();
  await page.getByTestId('headline-link-massKnown').click();
  await expect(page.getByRole('heading', { level: 1, name: n.drillTitle })).toBeVisible();
  expect(parseNumber(await page.getByTestId('flow-mass-sum').textContent(), locale)).toBe(knownGrams);
  const filters = await page.getByTestId('drill-filters').textContent();
  expect(filters).not.toMatch(/=|_/);
  expect(filters).toContain(`${n.filterNames.kind} ${n.filterValues.material}`);
  await expectFits(page);
  await info.attach('drill-down-1366', {
    body: await page.screenshot({ fullPage: true, path: info.outputPath('drill-down-1366.png') }),
    contentType: 'image/png',
  });

  // A period is compared with the one just before it, of the same length.
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/networks/${NETWORK}?from=${weekAgo}&to=${today}`);
  await expect(page.getByTestId('previous-exchanges')).toBeVisible();
  await expect(page.getByTestId('previous-co2eNet')).toBeVisible();
  // The page says which period that is: the seven days before, as the API's one answer has it.
  const dashboard = (await (
    await page.request.get(`/api/v1/networks/${NETWORK}/impact/dashboard?from=${weekAgo}&to=${today}`, {
      maxRetries: 2,
    })
  ).json()) as TImpactDashboard;
  const before = new Date(Date.parse(`${weekAgo}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  expect(dashboard.previous?.period).toEqual({
    from: before,
    to: new Date(Date.parse(`${weekAgo}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
  });
  await expect(page.getByTestId('compared-with')).toContainText(
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(`${before}T00:00:00`)),
  );
  await expect(page.getByTestId('previous-exchanges')).toContainText(
    String(dashboard.previous!.totals.exchanges.value),
  );

  // The report for funders, linked from the dashboard for the same period: the same headline,
  // the hub table's sum row, sources and method last; printed as one A4 column (PDF and a
  // screenshot under print media attached), without the site's header and footer.
  await page.getByTestId('network-report-link').click();
  await expect(page).toHaveURL(new RegExp(`/networks/${NETWORK}/report\\?from=${weekAgo}&to=${today}$`));
  const printed = page.getByTestId('funders-report');
  await expect(printed.getByTestId('report-headline')).toBeVisible();
  const weekly = (await (
    await page.request.get(`/api/v1/networks/${NETWORK}/impact?from=${weekAgo}&to=${today}`, {
      maxRetries: 2,
    })
  ).json()) as TImpactReport;
  await expect(printed.getByTestId('headline-link-co2eNet')).toHaveAttribute(
    'data-value',
    String(weekly.totals.co2eNet.value),
  );
  await expect(printed.getByTestId('headline-link-exchanges')).toHaveAttribute(
    'data-value',
    String(weekly.totals.exchanges.value),
  );
  const sections = await printed
    .locator('section')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(sections.at(-1)).toBe('report-sources');
  await expectAxeClean(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByTestId('print-report')).toBeHidden();
  await page.setViewportSize({ width: 794, height: 1123 });
  await info.attach('report-print', {
    body: await page.screenshot({ fullPage: true, path: info.outputPath('report-print.png') }),
    contentType: 'image/png',
  });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await info.attach('report.pdf', { body: pdf, contentType: 'application/pdf' });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/networks/${NETWORK}?from=${weekAgo}&to=${today}`);

  // Settings live on their own page: method, hubs, coordinators.
  await page.getByTestId('network-settings-link').click();
  await expect(page).toHaveURL(new RegExp(`/networks/${NETWORK}/settings$`));
  await expect(page.getByTestId('method-form')).toBeVisible();
  await expect(page.getByTestId('method-form')).toHaveCount(1);
  await expectFits(page);
  await expectAxeClean(page);

  // A phone: the page fits, the Sankey turns into a ranked list of flows.
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/networks/${NETWORK}`);
  await expect(page.getByTestId('headline')).toBeVisible();
  await expectFits(page);
  await expect(page.getByTestId('sankey-list').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('sankey').locator('svg')).toBeHidden();
  await info.attach('dashboard-360', {
    body: await page.screenshot({ fullPage: true, path: info.outputPath('dashboard-360.png') }),
    contentType: 'image/png',
  });

  // The report for funders on a phone, in each language: it fits 360 px (measured), its tables
  // scroll inside their own regions. The language is chosen in the header, then put back.
  const spoken = await pageLocale(page);
  for (const locale of ['nl', 'fr', 'en', spoken] as const) {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByTestId('language-switcher').selectOption(locale);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`/networks/${NETWORK}/report`);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByTestId('funders-report').getByTestId('report-headline')).toBeVisible();
    await expect(page.getByTestId('report-sources')).toBeVisible();
    await expectFits(page);
    await info.attach(`report-360-${locale}`, {
      body: await page.screenshot({ fullPage: true, path: info.outputPath(`report-360-${locale}.png`) }),
      contentType: 'image/png',
    });
  }
});
