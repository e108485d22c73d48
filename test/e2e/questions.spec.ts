/**
 * Ask before claiming, in two browsers: Lotte of Broei, on a phone, asks Buda Factory about a
 * listing; Hanne of Buda Factory sees it in her bell and her tasks, opens the task and answers;
 * Lotte is told, reads the answer and claims; the exchange shows the thread, asked before the claim.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { asMember, createListing } from './fixtures/flows';

test('a maker asks on a phone, the listing hub answers from its tasks, the claim carries the thread', async ({
  page: lotte,
  browser,
}) => {
  test.setTimeout(180_000);
  const word = uniqueWord('oak');
  const title = `Oak offcuts 22 mm ${word}`;
  const listing = await asMember(browser, 'hanne@budafactory.demo', (hanne) =>
    createListing(hanne, {
      hub: 'buda-factory',
      title,
      category: 'hardwood',
      quantity: 8,
      unit: 'pieces',
      description: 'From a staircase.',
    }),
  );
  const question = `Are they at least 40 cm long? <b>${word}</b>`;

  // --- Lotte asks, on a 360-px phone ---
  await lotte.setViewportSize({ width: 360, height: 740 });
  await login(lotte, 'lotte@broei.demo');
  const l = MESSAGES[await pageLocale(lotte)];
  await lotte.goto(`/listings/${listing.id}`);
  const panel = lotte.getByTestId('listing-questions');
  await expect(panel.getByRole('heading', { name: l.questions.title })).toBeVisible();
  await panel.getByRole('button', { name: l.questions.ask }).click();
  // An empty question is refused next to its field, before anything is sent.
  await expect(panel.locator('.field-error, [id$="-error"]').first()).toBeVisible();
  await panel.getByLabel(l.questions.question).fill(question);
  await panel.getByRole('button', { name: l.questions.ask }).click();
  await expect(panel.getByRole('status')).toHaveText(l.questions.sent);
  // What she wrote stays text.
  await expect(panel.getByTestId('question-thread')).toContainText(question);
  expect(await lotte.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // --- Hanne sees the bell and the task, opens it, answers ---
  const hanneContext = await browser.newContext();
  const hanne = await hanneContext.newPage();
  await login(hanne, 'hanne@budafactory.demo');
  const h = MESSAGES[await pageLocale(hanne)];
  await hanne.goto('/tasks');
  await expect(hanne.getByTestId('unread-count')).toBeVisible();
  const task = hanne.getByTestId('task').filter({ hasText: title });
  await expect(task).toHaveAttribute('data-kind', 'question_to_answer');
  await expect(task).toContainText('Broei');
  await task.getByRole('link').click();
  await expect(hanne).toHaveURL(new RegExp(`/listings/${listing.id}#questions$`));
  const thread = hanne.getByTestId('question-thread').filter({ hasText: word });
  await expect(thread.getByTestId('question-awaiting')).toHaveText(h.questions.awaiting);
  await thread.getByLabel(h.questions.answer).fill('Yes: 45 to 60 cm.');
  await thread.getByRole('button', { name: h.questions.reply }).click();
  await expect(thread.getByRole('status')).toHaveText(h.questions.sent);
  await expect(thread.getByTestId('question-awaiting')).toHaveCount(0);
  await hanne.goto('/tasks');
  await expect(hanne.getByTestId('task').filter({ hasText: title })).toHaveCount(0);
  await hanneContext.close();

  // --- Lotte is told, reads the answer, claims: the exchange carries the thread ---
  // Told after the answer is saved (the event is handed on after the response).
  await expect(async () => {
    await lotte.goto('/notifications');
    await expect(lotte.locator('main')).toContainText(title, { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await lotte.goto(`/listings/${listing.id}`);
  await expect(panel.getByTestId('question-thread')).toContainText('Yes: 45 to 60 cm.');
  const claim = lotte.getByTestId('claim-form');
  await claim.getByLabel(new RegExp(l.exchanges.claimQuantity)).fill('4');
  await claim.getByLabel(l.exchanges.claimMessage).fill('We take four for stools.');
  await claim.getByTestId('claim-submit').click();
  await expect(lotte).toHaveURL(/\/exchanges\/\d+$/);
  const before = lotte.getByTestId('exchange-asked-before');
  await expect(before).toContainText(question);
  await expect(before).toContainText('Yes: 45 to 60 cm.');
  await expect(lotte.getByText(l.questions.askedBefore)).toBeVisible();
});
