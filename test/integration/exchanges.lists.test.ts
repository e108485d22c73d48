/**
 * A person's exchanges and ledger rows are read hub by hub (a page of each hub's newest ids per
 * side, merged): the pages must be those of the single query used beyond a dozen hubs, an
 * exchange between two of the person's hubs must appear once, and cursors must neither repeat nor
 * skip a row.
 */
import { describe, expect, it } from 'vitest';
import { listExchanges, listFlows } from '../../src/modules/exchanges/exchanges.repo';
import { ZExchangePage, ZFlowPage } from '../../src/shared/exchanges.schemas';
import { call, db, expectJson, invite } from '../helpers';
import { actOk, claimOk, completedExchange, twoHubs } from '../exchanges-helpers';

const hubId = async (slug: string) =>
  (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;
// Ids no hub has: thirteen hubs in all, which sends the lists to the single query.
const NO_HUBS = Array.from({ length: 11 }, (_, i) => 900_000 + i);

describe("a person's lists, hub by hub", () => {
  it('exchanges and flows: the same pages as the single query, each row once, cursors complete', async () => {
    const o = await twoHubs({ quantity: 40 });
    // The receiver's manager also joins the giving hub: exchanges between them are on both sides.
    await invite(o.giver.session, o.giver.hub.slug, o.receiver.session);
    for (let i = 0; i < 5; i++) await completedExchange(o, 1);
    const open = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug, 1);
    await actOk(o.giver.session, open.id, 'accept');
    const hubs = [await hubId(o.giver.hub.slug), await hubId(o.receiver.hub.slug)];

    for (const filter of [
      { role: undefined, state: undefined },
      { role: 'incoming' as const, state: undefined },
      { role: 'outgoing' as const, state: 'completed' as const },
    ]) {
      const base = { ...filter, beforeId: null, limit: 4 };
      const byHub = await listExchanges(db, { ...base, hubIds: hubs });
      const single = await listExchanges(db, { ...base, hubIds: [...hubs, ...NO_HUBS] });
      expect(byHub.map((r) => r.id)).toEqual(single.map((r) => r.id));
      expect(new Set(byHub.map((r) => r.id)).size).toBe(byHub.length);
    }
    const flowBase = { hubId: null, categories: null, from: null, to: null, beforeId: null, limit: 3 };
    const flowsByHub = await listFlows(db, { ...flowBase, hubIds: hubs });
    const flowsSingle = await listFlows(db, { ...flowBase, hubIds: [...hubs, ...NO_HUBS] });
    expect(flowsByHub.map((r) => r.id)).toEqual(flowsSingle.map((r) => r.id));
    expect(flowsByHub).toHaveLength(4); // a page of 3 and one to say there is more

    // Through the API: every exchange once, newest first, across pages of 2.
    const all = await db
      .prepare(
        'SELECT id FROM exchanges WHERE from_hub_id IN (?1, ?2) OR to_hub_id IN (?1, ?2) ORDER BY id DESC',
      )
      .bind(...hubs)
      .all<{ id: number }>();
    expect(all.results).toHaveLength(6);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await expectJson(
        await call(`/exchanges?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { session: o.receiver.session }),
        200,
        ZExchangePage,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.results.map((r) => r.id));

    const flows = await db
      .prepare('SELECT id FROM flows WHERE from_hub_id IN (?1, ?2) OR to_hub_id IN (?1, ?2) ORDER BY id DESC')
      .bind(...hubs)
      .all<{ id: number }>();
    const seenFlows: number[] = [];
    cursor = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await expectJson(
        await call(`/flows?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { session: o.receiver.session }),
        200,
        ZFlowPage,
      );
      seenFlows.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seenFlows).toEqual(flows.results.map((r) => r.id));
  });
});
