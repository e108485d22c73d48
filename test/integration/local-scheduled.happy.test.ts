/** `npm start`'s ticker: the scheduled jobs on POST /api/__scheduled, only where LOCAL_SCHEDULED=1. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { LOCAL_SCHEDULED_PATH } from '../../src/scheduled';
import { actOk, claimOk, twoHubs } from '../exchanges-helpers';
import { db, ORIGIN } from '../helpers';

async function tick(vars: Record<string, string>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${ORIGIN}${LOCAL_SCHEDULED_PATH}`, { method: 'POST' }) as Request<
      unknown,
      IncomingRequestCfProperties
    >,
    { ...env, ...vars } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe('local scheduled jobs', () => {
  it('the Worker entry exports only its handler (the runtime takes any named export for an entrypoint)', async () => {
    expect(Object.keys(await import('../../src/index'))).toEqual(['default']);
  });

  it('are not reachable without LOCAL_SCHEDULED=1 (production, tests, benchmarks, e2e)', async () => {
    const res = await tick({});
    expect(res.status).not.toBe(200);
    expect(await tick({ LOCAL_SCHEDULED: 'true' }).then((r) => r.status)).not.toBe(200);
  });

  it('run every job, and the events they record reach people', async () => {
    const o = await twoHubs();
    const ex = await claimOk(o.receiver.session, o.listingId, o.receiver.hub.slug);
    await actOk(o.giver.session, ex.id, 'accept');
    await actOk(o.giver.session, ex.id, 'handover', { quantity: 2 });
    // The receiving side never answers: the deadline passes.
    await db
      .prepare(`UPDATE exchanges SET confirm_by = '2000-01-01T00:00:00.000Z' WHERE id = ?1`)
      .bind(ex.id)
      .run();
    const res = await tick({ LOCAL_SCHEDULED: '1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scheduled: { name: string; ok: boolean }[] };
    expect(body.scheduled.map((j) => j.name)).toContain('events.dispatch');
    expect(body.scheduled.every((j) => j.ok)).toBe(true);
    const row = await db
      .prepare('SELECT state FROM exchanges WHERE id = ?1')
      .bind(ex.id)
      .first<{ state: string }>();
    expect(row?.state).toBe('completed');
    const told = await db
      .prepare(`SELECT count(*) AS n FROM notifications WHERE kind = 'exchange_completed' AND user_id = ?1`)
      .bind(o.giver.me.user.id)
      .first<{ n: number }>();
    expect(told?.n).toBe(1);
  });
});
