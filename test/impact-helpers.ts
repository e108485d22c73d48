/** Networks and impact test helpers: a network over two hubs with completed exchanges. */
import { expect } from 'vitest';
import { runImpactJob } from '../src/modules/impact/impact.service';
import { ZFlowList, type TFigure, type TFlowList } from '../src/shared/impact.schemas';
import { ZNetwork } from '../src/shared/networks.schemas';
import { completedExchange, twoHubs } from './exchanges-helpers';
import { call, db, expectJson, type Session } from './helpers';

let seq = 0;
export const networkSlug = () => `net-${Date.now().toString(36)}-${(seq++).toString(36)}`;

export async function createNetwork(session: Session, overrides: Record<string, unknown> = {}) {
  const slug = networkSlug();
  const res = await call('/networks', { session, body: { slug, name: 'Test network', ...overrides } });
  return expectJson(res, 201, ZNetwork);
}

export async function addHub(session: Session, network: string, hub: string) {
  return call(`/networks/${network}/hubs/${hub}`, { session, method: 'PUT' });
}

/**
 * Two hubs (giver in Ghent, receiver in Brussels), one listing, a network coordinated by the
 * giver's manager with both hubs active (the receiver's manager accepts the invitation).
 */
export async function networkOfTwo(listing: Record<string, unknown> = {}) {
  const o = await twoHubs(listing);
  const network = await createNetwork(o.giver.session);
  expect((await addHub(o.giver.session, network.slug, o.giver.hub.slug)).status).toBe(200);
  expect((await addHub(o.giver.session, network.slug, o.receiver.hub.slug)).status).toBe(200);
  expect((await addHub(o.receiver.session, network.slug, o.receiver.hub.slug)).status).toBe(200);
  return { ...o, network };
}

export { completedExchange };

/** Runs the scheduled job with a fixed clock. */
export const runJob = (at = '2026-03-01T03:00:00.000Z') => runImpactJob({ db, now: () => new Date(at) });

/** Follows a figure's drill-down link and sums what it says it sums. */
export async function drillDownSum(
  session: Session,
  fig: TFigure,
): Promise<{ sum: number; list: TFlowList }> {
  const res = await call(fig.drillDown.replace(/^\/api\/v1/, ''), { session });
  const list = await expectJson(res, 200, ZFlowList);
  const rows: Record<string, unknown>[] = fig.sumOf.list === 'flows' ? list.flows : list.impacts;
  let sum: number;
  if (fig.sumOf.field === 'count') sum = rows.length;
  else if (fig.sumOf.field === 'distinctHubs')
    sum = new Set((rows as { fromHub: string; toHub: string }[]).flatMap((r) => [r.fromHub, r.toHub])).size;
  else sum = rows.reduce((s, r) => s + (Number(r[fig.sumOf.field]) || 0), 0);
  return { sum, list };
}

export async function impactRows(exchangeId: number) {
  const { results } = await db
    .prepare('SELECT * FROM exchange_impacts WHERE exchange_id = ?1 ORDER BY id')
    .bind(exchangeId)
    .all<Record<string, unknown>>();
  return results;
}
