/**
 * A coordinator's view of a network answered from its kept report: the network (with the check
 * that the person coordinates it) in one statement, then the kept report and everything its
 * version is made of in one call to D1. The same answer as the API's; a person who does not
 * coordinate the network learns nothing, after one statement.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { impactDashboard } from '../../src/modules/impact/impact.service';
import { ZImpactDashboard } from '../../src/shared/impact.schemas';
import { call, expectJson, signup } from '../helpers';
import { completedExchange, networkOfTwo, runJob } from '../impact-helpers';
import { recordingDb } from '../matching-helpers';

describe('a kept network view in few calls', () => {
  it('answers a kept dashboard in two calls to D1, the same as the API', async () => {
    const o = await networkOfTwo();
    await completedExchange(o);
    await runJob();
    // The first view computes and keeps the report; the second is answered from it.
    const viaApi = await expectJson(
      await call(`/networks/${o.network.slug}/impact/dashboard`, { session: o.giver.session }),
      200,
      ZImpactDashboard,
    );
    expect(viaApi.report.totals.exchanges.value).toBe(1);

    const rec = recordingDb();
    const kept = await impactDashboard({ db: rec.db, now: () => new Date() } as Deps, {
      slug: o.network.slug,
      userId: o.giver.me.user.id,
      query: {},
    });
    expect(ZImpactDashboard.parse(kept)).toEqual(viaApi);
    // The network with its coordinator check; then the kept report, the network's hubs with
    // their marks and its own marks, in one batch. Nothing of the ledger is read.
    expect(rec.trips).toBe(2);
    expect(rec.log.map((x) => x.n).reduce((a, b) => a + b)).toBe(4);
    expect(rec.log.some((x) => /FROM flows|FROM exchange_impacts i/.test(x.sql))).toBe(false);
  });

  it('refuses a person who does not coordinate the network after one statement', async () => {
    const o = await networkOfTwo();
    const other = await signup();
    const rec = recordingDb();
    await expect(
      impactDashboard({ db: rec.db, now: () => new Date() } as Deps, {
        slug: o.network.slug,
        userId: other.me.user.id,
        query: {},
      }),
    ).rejects.toMatchObject({ code: 'NETWORK_NOT_FOUND' });
    expect(rec.trips).toBe(1);
    const res = await call(`/networks/${o.network.slug}/impact/dashboard`, { session: other.session });
    expect(res.status).toBe(404);
  });
});
