/**
 * The loop closes between two people of two hubs, in two browsers: Emre of T2 Campus claims for
 * his request from its match; Griet of Maakleerplek Leuven sees the claim in her bell and her
 * tasks and accepts it; Emre is told; Griet records the handover; Emre confirms it from his tasks
 * on a phone; the request shows 20 of 20 received and is fulfilled. Nobody is told of their own act.
 */
import { MESSAGES, expect, login, pageLocale, test, uniqueWord } from './fixtures/helpers';
import { apiGet, apiPost, asMember, createListing } from './fixtures/flows';

const PHONE = { width: 360, height: 740 };
type Notification = { kind: string; payload: { exchangeId?: number } };
type NotificationPage = { items: Notification[]; unreadCount: number };

test('claim → told → accept → told → handover → confirmed from tasks on a phone → request fulfilled', async ({
  page: emre,
  browser,
}) => {
  test.setTimeout(180_000);
  const word = uniqueWord('seat');
  const requestTitle = `Plywood for 20 stool seats ${word}`;
  const listingTitle = `Birch sheets 18 mm ${word}`;

  // --- Emre's hub asks for 20 sheets; Tom of Maakleerplek Leuven offers 20 (through the API) ---
  await login(emre, 'emre@t2campus.demo');
  const e = MESSAGES[await pageLocale(emre)];
  const request = await apiPost<{ id: number }>(emre, '/requests', {
    hub: 't2-campus',
    title: requestTitle,
    description: 'One sheet per seat.',
    category: 'birch-plywood',
    quantity: 20,
    unit: 'sheets',
    fetchRadiusKm: 150,
  });
  const listing = await asMember(browser, 'tom@maakleerplek.demo', (tom) =>
    createListing(tom, {
      hub: 'maakleerplek-leuven',
      title: listingTitle,
      category: 'birch-plywood',
      quantity: 20,
      unit: 'sheets',
      lengthMm: 600,
      widthMm: 400,
      thicknessMm: 18,
      description: 'Left over from a shop fit-out.',
    }),
  );

  // --- Emre claims it for his request, from the match card ---
  await expect(async () => {
    await emre.goto(`/requests/${request.id}`);
    await expect(
      emre.getByTestId('match').filter({ hasText: listingTitle }).getByTestId('claim-for-request'),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await emre.getByTestId('match').filter({ hasText: listingTitle }).getByTestId('claim-for-request').click();
  await expect(emre).toHaveURL(new RegExp(`/listings/${listing.id}\\?`));
  await expect(emre.getByTestId('claim-for-request')).toHaveText(e.exchanges.claimForRequestNote);
  const claim = emre.getByTestId('claim-form');
  await expect(
    claim.getByLabel(`${e.exchanges.claimQuantity} (${e.units.sheets})`, { exact: true }),
  ).toHaveValue('20');
  await claim
    .getByLabel(e.exchanges.claimMessage, { exact: true })
    .fill('For the seats of our stool workshop.');
  await claim.getByRole('button', { name: e.exchanges.claimSubmit }).click();
  await expect(emre).toHaveURL(/\/exchanges\/\d+$/);
  const exchangePath = new URL(emre.url()).pathname;
  const exchangeId = Number(exchangePath.split('/').pop());

  // --- Griet, manager of Maakleerplek Leuven, sees it in her bell and her tasks ---
  const grietSession = await browser.newContext();
  try {
    const griet = await grietSession.newPage();
    await login(griet, 'griet@maakleerplek.demo');
    const g = MESSAGES[await pageLocale(griet)];
    // Tasks are read at once; notifications follow the claim's event (after the response, or
    // through the events queue): the page is loaded again until both show.
    await expect(async () => {
      await griet.goto('/');
      await expect(griet.getByTestId('tasks-count')).toBeVisible({ timeout: 5_000 });
      await expect(griet.getByTestId('notification-bell').getByTestId('unread-count')).toBeVisible({
        timeout: 5_000,
      });
    }).toPass({ timeout: 45_000 });
    const homeTask = griet.getByTestId('home-tasks').getByTestId('task').filter({ hasText: listingTitle });
    await expect(homeTask).toContainText(g.tasks.kinds.claim_to_answer);
    await griet.getByTestId('tasks-link').click();
    await expect(griet.getByRole('heading', { level: 1, name: g.tasks.title })).toBeVisible();
    const task = griet.getByTestId('task').filter({ hasText: listingTitle });
    await expect(task).toHaveAttribute('data-kind', 'claim_to_answer');
    await task.getByRole('link').click();
    await expect(griet).toHaveURL(new RegExp(`${exchangePath}$`));
    await griet.getByRole('button', { name: g.exchanges.actions.accept }).click();
    await expect(griet.getByTestId('exchange-state')).toHaveText(g.exchanges.states.accepted);

    // --- Emre is told his claim was accepted ---
    await expect
      .poll(
        async () =>
          (await apiGet<NotificationPage>(emre, '/notifications?limit=50')).items.filter(
            (n) => n.kind === 'claim_answered' && n.payload.exchangeId === exchangeId,
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1);

    // --- Griet records the handover of all 20 ---
    const handover = griet.getByTestId('handover-form');
    await expect(
      handover.getByLabel(`${g.exchanges.handoverQuantity} (${g.units.sheets})`, { exact: true }),
    ).toHaveValue('20');
    await handover.getByRole('button', { name: g.exchanges.handoverSubmit }).click();
    await expect(griet.getByTestId('exchange-state')).toHaveText(g.exchanges.states.handed_over);

    // Nobody was told of their own act: Griet holds no answer or handover notice for this exchange.
    const grietTold = (await apiGet<NotificationPage>(griet, '/notifications?limit=50')).items
      .filter((n) => n.payload.exchangeId === exchangeId)
      .map((n) => n.kind);
    expect(grietTold).toEqual(['claim_received']);
  } finally {
    await grietSession.close();
  }

  // --- Emre confirms from his tasks, on his phone ---
  const phoneSession = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
  try {
    const phone = await phoneSession.newPage();
    await login(phone, 'emre@t2campus.demo');
    const p = MESSAGES[await pageLocale(phone)];
    await expect(async () => {
      await phone.goto('/tasks');
      await expect(phone.getByTestId('task').filter({ hasText: listingTitle })).toHaveAttribute(
        'data-kind',
        'handover_to_confirm',
        { timeout: 5_000 },
      );
    }).toPass({ timeout: 30_000 });
    await phone.getByTestId('task').filter({ hasText: listingTitle }).getByRole('link').tap();
    await expect(phone).toHaveURL(new RegExp(`${exchangePath}$`));
    // The confirm screen fits the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await phone.getByRole('button', { name: p.exchanges.actions.confirm }).tap();
    await expect(phone.getByTestId('exchange-state')).toHaveText(p.exchanges.states.completed);

    // --- The request shows 20 of 20 received, and is fulfilled ---
    await expect(async () => {
      await phone.goto(`/requests/${request.id}`);
      await expect(phone.getByTestId('request-status')).toHaveText(p.requestStatus.fulfilled, {
        timeout: 5_000,
      });
    }).toPass({ timeout: 30_000 });
    const qty = `20 ${p.units.sheets}`;
    await expect(phone.getByTestId('progress-received')).toHaveText(p.exchanges.progressReceived(qty, qty));
    await expect(phone.getByTestId('request-progress')).toContainText(listingTitle);

    // Emre was told of the answer and the handover, never of his own claim or confirmation.
    await expect
      .poll(
        async () =>
          (await apiGet<NotificationPage>(phone, '/notifications?limit=50')).items
            .filter((n) => n.payload.exchangeId === exchangeId)
            .map((n) => n.kind)
            .sort(),
        { timeout: 30_000 },
      )
      .toEqual(['claim_answered', 'handover_recorded']);
  } finally {
    await phoneSession.close();
  }
});
