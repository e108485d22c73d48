import { describe, expect, it } from 'vitest';
import { call, count, expectError } from '../helpers';
import { hide, hideOk, moderatedHubs, report, reportOk, restore } from '../inventory-helpers';

describe('moderation errors', () => {
  it('refuses bad reports, naming the fields', async () => {
    const o = await moderatedHubs();
    await expectError(
      await report(o.outsider.session, { itemType: 'photo', itemId: 0, reason: 'rude', text: '', extra: 1 }),
      422,
      'VALIDATION_FAILED',
      ['itemType', 'itemId', 'reason', 'text', 'extra'],
    );
    await expectError(
      await report(o.outsider.session, {
        itemType: 'listing',
        itemId: 999999,
        reason: 'spam',
        text: 'Spam spam',
      }),
      404,
      'REPORT_ITEM_NOT_FOUND',
    );
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(0);
  });

  it('one report per person per item, also when sent twice at once', async () => {
    const o = await moderatedHubs();
    const body = { itemType: 'listing', itemId: o.listing.id, reason: 'spam', text: 'Looks like spam' };
    const [a, b] = await Promise.all([report(o.outsider.session, body), report(o.outsider.session, body)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    await expectError(await report(o.outsider.session, body), 409, 'ALREADY_REPORTED');
    expect(await count('SELECT count(*) AS n FROM reports WHERE item_id = ?1', o.listing.id)).toBe(1);
  });

  it('a hidden item cannot be reported again, hidden twice, nor restored when visible', async () => {
    const o = await moderatedHubs();
    await expectError(await restore(o.coordinator.session, 'listing', o.listing.id), 409, 'NOT_HIDDEN');
    const [a, b] = await Promise.all([
      hide(o.coordinator.session, 'listing', o.listing.id),
      hide(o.coordinator.session, 'listing', o.listing.id),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    await expectError(await hide(o.coordinator.session, 'listing', o.listing.id), 409, 'ALREADY_HIDDEN');
    expect(await count('SELECT count(*) AS n FROM moderation_actions WHERE item_id = ?1', o.listing.id)).toBe(
      1,
    );
    await expectError(
      await reportOk(o.outsider.session, 'request', o.request.id).then(() =>
        report(o.outsider.session, {
          itemType: 'listing',
          itemId: o.listing.id,
          reason: 'spam',
          text: 'Spam spam',
        }),
      ),
      404,
      'REPORT_ITEM_NOT_FOUND',
    );
  });

  it('validates hide input and item types', async () => {
    const o = await moderatedHubs();
    await expectError(
      await hide(o.coordinator.session, 'listing', o.listing.id, ''),
      422,
      'VALIDATION_FAILED',
      ['reason'],
    );
    await expectError(
      await call(`/moderation/message/1/hide`, {
        session: o.coordinator.session,
        body: { reason: 'Not allowed' },
      }),
      422,
      'VALIDATION_FAILED',
      ['itemType'],
    );
    await expectError(await hide(o.coordinator.session, 'request', 999999), 404, 'REQUEST_NOT_FOUND');
    await expectError(
      await call(`/moderation/listing/${o.listing.id}/restore`, {
        session: o.coordinator.session,
        body: { why: 1 },
      }),
      422,
      'VALIDATION_FAILED',
      ['why'],
    );
    await hideOk(o.coordinator.session, 'listing', o.listing.id);
    await expectError(
      await call('/networks/x/reports?status=closed', { session: o.coordinator.session }),
      422,
      'VALIDATION_FAILED',
      ['status'],
    );
  });
});
