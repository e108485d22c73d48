import { describe, expect, it } from 'vitest';
import { ZReportList } from '../../src/shared/moderation.schemas';
import { call, count, expectError, expectJson } from '../helpers';
import { hide, hiddenColumns, hideOk, moderatedHubs, report, reportOk, restore } from '../inventory-helpers';

describe('moderation authorization', () => {
  it('reporting needs a session and a same-site origin', async () => {
    const o = await moderatedHubs();
    const body = { itemType: 'listing', itemId: o.listing.id, reason: 'spam', text: 'Spam spam' };
    await expectError(await report({ cookie: null }, body), 401, 'UNAUTHENTICATED');
    await expectError(
      await call('/reports', { session: o.outsider.session, body, noOrigin: true }),
      403,
      'CSRF_FAILED',
    );
    expect(await count('SELECT count(*) AS n FROM reports')).toBe(0);
  });

  it('only people of the exchange’s hubs can report its messages', async () => {
    const o = await moderatedHubs();
    const claim = await call(`/listings/${o.listing.id}/claims`, {
      session: o.asker.session,
      body: { hub: o.asker.hub.slug, quantity: 1, message: 'Hello there' },
    });
    const { id } = (await claim.json()) as { id: number };
    const posted = await call(`/exchanges/${id}/messages`, {
      session: o.asker.session,
      body: { body: 'Hi' },
    });
    const { messages } = (await posted.json()) as { messages: { id: number }[] };
    const messageId = messages.at(-1)?.id ?? 0;
    const body = { itemType: 'message', itemId: messageId, reason: 'offensive', text: 'Rude message' };
    await expectError(await report(o.outsider.session, body), 404, 'REPORT_ITEM_NOT_FOUND');
    await expectError(await report(o.coordinator.session, body), 404, 'REPORT_ITEM_NOT_FOUND');
    expect(await count("SELECT count(*) AS n FROM reports WHERE item_type = 'message'")).toBe(0);
  });

  it('reports are for the network’s coordinators only', async () => {
    const o = await moderatedHubs();
    await reportOk(o.outsider.session, 'listing', o.listing.id);
    await expectError(await call(`/networks/${o.network.slug}/reports`), 401, 'UNAUTHENTICATED');
    // Hub managers and members of the network's hubs are not coordinators.
    for (const who of [o.giver, o.author, o.outsider])
      await expectError(
        await call(`/networks/${o.network.slug}/reports`, { session: who.session }),
        404,
        'NETWORK_NOT_FOUND',
      );
    const list = await expectJson(
      await call(`/networks/${o.network.slug}/reports`, { session: o.coordinator.session }),
      200,
      ZReportList,
    );
    expect(list.items).toHaveLength(1);
  });

  it('a coordinator of another network sees none of these reports and cannot hide', async () => {
    const o = await moderatedHubs();
    const other = await moderatedHubs();
    await reportOk(o.outsider.session, 'listing', o.listing.id);
    const list = await expectJson(
      await call(`/networks/${other.network.slug}/reports`, { session: other.coordinator.session }),
      200,
      ZReportList,
    );
    expect(list.items.map((r) => r.itemId)).not.toContain(o.listing.id);
    await expectError(await hide(other.coordinator.session, 'listing', o.listing.id), 403, 'NOT_A_MODERATOR');
  });

  it('only coordinators hide and restore: not the author, the hub’s manager, or anyone else', async () => {
    const o = await moderatedHubs();
    await expectError(await hide({ cookie: null }, 'listing', o.listing.id), 401, 'UNAUTHENTICATED');
    for (const who of [o.author, o.giver, o.asker, o.outsider])
      await expectError(await hide(who.session, 'listing', o.listing.id), 403, 'NOT_A_MODERATOR');
    expect((await hiddenColumns('listings', o.listing.id))?.hidden_at).toBeNull();
    await hideOk(o.coordinator.session, 'listing', o.listing.id);
    for (const who of [o.author, o.giver, o.outsider])
      await expectError(await restore(who.session, 'listing', o.listing.id), 403, 'NOT_A_MODERATOR');
    expect((await hiddenColumns('listings', o.listing.id))?.hidden_at).not.toBeNull();
    expect(await count('SELECT count(*) AS n FROM moderation_actions WHERE item_id = ?1', o.listing.id)).toBe(
      1,
    );
  });

  it('a hidden listing cannot be claimed', async () => {
    const o = await moderatedHubs();
    await hideOk(o.coordinator.session, 'listing', o.listing.id);
    const res = await call(`/listings/${o.listing.id}/claims`, {
      session: o.asker.session,
      body: { hub: o.asker.hub.slug, quantity: 1, message: 'Hello there' },
    });
    expect([404, 409]).toContain(res.status);
    expect(await count('SELECT count(*) AS n FROM exchanges WHERE listing_id = ?1', o.listing.id)).toBe(0);
  });
});
