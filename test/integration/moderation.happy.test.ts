import { describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../src/scheduled';
import { ZReportList } from '../../src/shared/moderation.schemas';
import { ZRequestMatches } from '../../src/shared/matching.schemas';
import { ZNotificationPage } from '../../src/shared/notifications.schemas';
import { ZHub } from '../../src/shared/hubs.schemas';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZRequest } from '../../src/shared/requests.schemas';
import { ZListingPage, ZRequestPage } from '../../src/shared/search.schemas';
import { call, count, expectJson } from '../helpers';
import { hiddenColumns, hideOk, moderatedHubs, reportOk, restore } from '../inventory-helpers';
import { matchRow } from '../matching-helpers';
import { actOk } from '../exchanges-helpers';
import { env } from 'cloudflare:workers';

describe('moderation', () => {
  it('a report reaches the coordinators of the network with the item’s hub', async () => {
    const o = await moderatedHubs();
    const r = await reportOk(o.outsider.session, 'listing', o.listing.id);
    expect(r).toMatchObject({
      itemType: 'listing',
      itemId: o.listing.id,
      reason: 'misleading',
      status: 'open',
    });
    const list = await expectJson(
      await call(`/networks/${o.network.slug}/reports`, { session: o.coordinator.session }),
      200,
      ZReportList,
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: r.id,
      itemTitle: o.listing.title,
      itemPath: `/listings/${o.listing.id}`,
      hub: { slug: o.giver.hub.slug },
      hidden: false,
      canHide: true,
    });
    expect(await count('SELECT count(*) AS n FROM reports WHERE item_id = ?1', o.listing.id)).toBe(1);
  });

  it('hiding takes a listing out of search and matching, keeps it, tells the author; restoring undoes it', async () => {
    const o = await moderatedHubs();
    // The listing matches the request before it is hidden.
    expect((await matchRow(o.listing.id, o.request.id))?.state).toBe('open');
    await reportOk(o.asker.session, 'listing', o.listing.id);

    const state = await hideOk(o.coordinator.session, 'listing', o.listing.id);
    expect(state).toMatchObject({
      itemType: 'listing',
      itemId: o.listing.id,
      hiddenReason: 'Misleading description',
    });
    expect(state.hiddenBy?.id).toBe(o.coordinator.me.user.id);
    const cols = await hiddenColumns('listings', o.listing.id);
    expect(cols).toMatchObject({
      hidden_by: o.coordinator.me.user.id,
      hidden_reason: 'Misleading description',
    });
    expect(
      await count("SELECT count(*) AS n FROM listings WHERE id = ?1 AND status = 'active'", o.listing.id),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM reports WHERE item_id = ?1 AND status = 'resolved'",
        o.listing.id,
      ),
    ).toBe(1);
    expect(
      await count(
        "SELECT count(*) AS n FROM moderation_actions WHERE item_id = ?1 AND action = 'hide'",
        o.listing.id,
      ),
    ).toBe(1);

    // Search: gone for everyone.
    const page = await expectJson(await call(`/listings?hub=${o.giver.hub.slug}`), 200, ZListingPage);
    expect(page.items.map((l) => l.id)).not.toContain(o.listing.id);
    // Matching: the match went stale, the request's matches no longer show it, and the cron pass keeps it out.
    expect((await matchRow(o.listing.id, o.request.id))?.state).toBe('stale');
    await runScheduledJobs(env, () => new Date());
    expect((await matchRow(o.listing.id, o.request.id))?.state).toBe('stale');
    const matches = await expectJson(
      await call(`/requests/${o.request.id}/matches`, { session: o.asker.session }),
      200,
      ZRequestMatches,
    );
    expect(matches.items.map((m) => m.listing.id)).not.toContain(o.listing.id);

    // Its page: 404 to others, visible to the author, the hub's managers and the coordinator.
    expect((await call(`/listings/${o.listing.id}`)).status).toBe(404);
    expect((await call(`/listings/${o.listing.id}`, { session: o.outsider.session })).status).toBe(404);
    expect((await call(`/listings/${o.listing.id}`, { session: o.asker.session })).status).toBe(404);
    for (const who of [o.author, o.giver, o.coordinator]) {
      const l = await expectJson(
        await call(`/listings/${o.listing.id}`, { session: who.session }),
        200,
        ZListing,
      );
      expect(l.hiddenReason).toBe('Misleading description');
    }

    // The author was told.
    const inbox = await expectJson(
      await call('/notifications', { session: o.author.session }),
      200,
      ZNotificationPage,
    );
    const notice = inbox.items.find((n) => n.kind === 'moderation');
    expect(notice?.payload).toMatchObject({
      listingId: o.listing.id,
      moderation: { itemType: 'listing', action: 'hidden', reason: 'Misleading description' },
    });

    // Restore: back in search and matching, author told again.
    const restored = await restore(o.coordinator.session, 'listing', o.listing.id);
    expect(restored.status).toBe(200);
    expect((await hiddenColumns('listings', o.listing.id))?.hidden_at).toBeNull();
    const again = await expectJson(await call(`/listings?hub=${o.giver.hub.slug}`), 200, ZListingPage);
    expect(again.items.map((l) => l.id)).toContain(o.listing.id);
    expect((await matchRow(o.listing.id, o.request.id))?.state).toBe('open');
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = 'moderation'",
        o.author.me.user.id,
      ),
    ).toBe(2);
  });

  it('a hidden request leaves search and matching and its page answers 404 to others', async () => {
    const o = await moderatedHubs();
    await hideOk(o.coordinator.session, 'request', o.request.id);
    const page = await expectJson(await call(`/requests?hub=${o.asker.hub.slug}`), 200, ZRequestPage);
    expect(page.items.map((r) => r.id)).not.toContain(o.request.id);
    expect((await matchRow(o.listing.id, o.request.id))?.state).toBe('stale');
    expect((await call(`/requests/${o.request.id}`, { session: o.outsider.session })).status).toBe(404);
    const own = await expectJson(
      await call(`/requests/${o.request.id}`, { session: o.asker.session }),
      200,
      ZRequest,
    );
    expect(own.hiddenAt).not.toBeNull();
    expect((await hiddenColumns('requests', o.request.id))?.hidden_by).toBe(o.coordinator.me.user.id);
    expect(
      await count(
        "SELECT count(*) AS n FROM notifications WHERE user_id = ?1 AND kind = 'moderation'",
        o.asker.me.user.id,
      ),
    ).toBe(1);
  });

  it('a message of an exchange can be reported by a person of its hubs', async () => {
    const o = await moderatedHubs();
    const claim = await call(`/listings/${o.listing.id}/claims`, {
      session: o.asker.session,
      body: { hub: o.asker.hub.slug, quantity: 1, message: 'Can we pick these up?' },
    });
    expect(claim.status).toBe(201);
    const { id: exchangeId } = (await claim.json()) as { id: number };
    const posted = await actOk(o.asker.session, exchangeId, 'messages', { body: 'Pay me outside Omloop' });
    const messageId = posted.messages.at(-1)?.id as number;
    const r = await reportOk(o.giver.session, 'message', messageId);
    expect(r.itemType).toBe('message');
    const list = await expectJson(
      await call(`/networks/${o.network.slug}/reports`, { session: o.coordinator.session }),
      200,
      ZReportList,
    );
    expect(list.items[0]).toMatchObject({
      itemType: 'message',
      itemPath: `/exchanges/${exchangeId}`,
      canHide: false,
    });
  });

  it('hub profiles show since when the hub is active and its completed exchanges', async () => {
    const o = await moderatedHubs();
    const hub = await expectJson(await call(`/hubs/${o.giver.hub.slug}`), 200, ZHub);
    expect(hub.activeSince).not.toBeNull();
    expect(hub.completedExchangeCount).toBe(0);
    expect(hub.activeListingCount).toBe(1);
    await hideOk(o.coordinator.session, 'listing', o.listing.id);
    const after = await expectJson(await call(`/hubs/${o.giver.hub.slug}`), 200, ZHub);
    expect(after.activeListingCount).toBe(0);
  });
});
