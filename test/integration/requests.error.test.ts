import { describe, expect, it } from 'vitest';
import { call, db, makerWithHub } from '../helpers';

describe('scratch', () => {
  it('many hubs', async () => {
    const { session, hub } = await makerWithHub();
    const r = await call('/requests', {
      session,
      body: { hub: hub.slug, title: 'Some plywood', category: 'plywood', quantity: 1, unit: 'sheets' },
    });
    expect(r.status).toBe(201);
    const now = new Date().toISOString();
    const stmts = [];
    for (let i = 0; i < 60; i++)
      stmts.push(
        db
          .prepare(
            "INSERT INTO hubs (slug,name,city,country,kind,lat,lon,created_at,updated_at) VALUES (?1,'x','y','BE','fab_lab',51,4,?2,?2)",
          )
          .bind(`bulk-${i}`, now),
      );
    await db.batch(stmts);
    const res = await call('/requests?near=51.05,3.72');
    console.log(res.status, (await res.text()).slice(0, 300));
    const res2 = await call('/requests?near=51.05,3.72&radius_km=5&category=wood&q=plywood');
    console.log(res2.status, (await res2.text()).slice(0, 300));
  });
});
