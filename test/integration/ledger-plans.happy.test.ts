/**
 * The ledger is read through indexes: an exchange's page and the impact computation never scan
 * every flow, and a network's pending impacts read only its hubs' rows (EXPLAIN QUERY PLAN of
 * the statements they actually send).
 */
import { describe, expect, it } from 'vitest';
import { recordingDb, type BenchStatement } from '../../src/http/middleware/bench-metrics';
import { flowsOfExchangeStatement } from '../../src/modules/exchanges/exchanges.repo';
import { ledgersOf, pendingExchanges } from '../../src/modules/impact/impact.repo';
import { completedExchange, twoHubs } from '../exchanges-helpers';
import { db } from '../helpers';
import { networkOfTwo } from '../impact-helpers';

async function plansOf(run: (d: D1Database) => Promise<unknown>): Promise<string[][]> {
  const log = new Map<string, BenchStatement>();
  await run(recordingDb(db, log));
  const plans: string[][] = [];
  for (const s of log.values()) {
    const { results } = await db
      .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
      .bind(...s.params)
      .all<{ detail: string }>();
    plans.push(results.map((r) => r.detail));
  }
  return plans;
}

describe('ledger reads by exchange', () => {
  it('use the flows_exchange index, never a scan of flows', async () => {
    const o = await twoHubs();
    const ex = await completedExchange(o);
    const plans = [
      ...(await plansOf((d) => flowsOfExchangeStatement(d, ex.id).all())),
      ...(await plansOf((d) => ledgersOf(d, [ex.id]))),
    ];
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan.some((line) => /^SEARCH f USING (COVERING )?INDEX flows_exchange /.test(line))).toBe(true);
      expect(plan.filter((line) => /^SCAN f\b/.test(line))).toEqual([]);
    }
  });

  it("a network's pending impacts start from its hubs, not from every flow", async () => {
    const o = await networkOfTwo();
    await completedExchange(o);
    const networkId = (await db
      .prepare('SELECT id FROM networks WHERE slug = ?1')
      .bind(o.network.slug)
      .first<{
        id: number;
      }>())!.id;
    const [plan] = await plansOf((d) => pendingExchanges(d, networkId, 200));
    expect(plan?.some((line) => /SEARCH f USING INDEX flows_from_hub/.test(line))).toBe(true);
    expect(plan?.filter((line) => /^SCAN f\b/.test(line))).toEqual([]);
  });
});
