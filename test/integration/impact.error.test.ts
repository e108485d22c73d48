import { describe, expect, it } from 'vitest';
import { call, count, expectError, makerWithHub, signup } from '../helpers';
import { completedExchange, createNetwork, networkOfTwo } from '../impact-helpers';
import { twoHubs } from '../exchanges-helpers';

describe('networks and impact: errors', () => {
  it('names the fields of a bad network and refuses unknown ones', async () => {
    const { session } = await signup();
    await expectError(
      await call('/networks', { session, body: { slug: 'Bad Slug', name: '', role: 'admin' } }),
      422,
      'VALIDATION_FAILED',
      ['slug', 'name', 'role'],
    );
    expect(await count("SELECT count(*) AS n FROM networks WHERE name = ''")).toBe(0);
  });

  it('refuses a taken slug with 409 on the slug field', async () => {
    const { session } = await signup();
    const n = await createNetwork(session);
    await expectError(
      await call('/networks', { session, body: { slug: n.slug, name: 'Again' } }),
      409,
      'SLUG_TAKEN',
      ['slug'],
    );
    expect(await count('SELECT count(*) AS n FROM networks WHERE slug = ?1', n.slug)).toBe(1);
  });

  it('keeps one network when two people create the same slug at once', async () => {
    const a = await signup();
    const b = await signup();
    const slug = `race-${Date.now().toString(36)}`;
    const res = await Promise.all(
      [a, b].map((p) => call('/networks', { session: p.session, body: { slug, name: 'Race' } })),
    );
    expect(res.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count('SELECT count(*) AS n FROM networks WHERE slug = ?1', slug)).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM network_coordinators c JOIN networks n ON n.id = c.network_id WHERE n.slug = ?1',
        slug,
      ),
    ).toBe(1);
  });

  it('refuses a period that ends before it starts, bad groupings and method shares', async () => {
    const o = await networkOfTwo();
    const session = o.giver.session;
    await expectError(
      await call(`/networks/${o.network.slug}/impact?from=2026-03-01&to=2026-01-01`, { session }),
      422,
      'INVALID_PERIOD',
      ['to'],
    );
    await expectError(
      await call(`/networks/${o.network.slug}/impact/dashboard?from=2026-03-01&to=2026-01-01`, { session }),
      422,
      'INVALID_PERIOD',
      ['to'],
    );
    await expectError(
      await call(`/networks/${o.network.slug}/impact/dashboard?to=31-12-2026`, { session }),
      422,
      'VALIDATION_FAILED',
      ['to'],
    );
    // Nothing kept for a refused view.
    expect(
      await count(
        'SELECT count(*) AS n FROM impact_report_cache WHERE network_id = (SELECT id FROM networks WHERE slug = ?1)',
        o.network.slug,
      ),
    ).toBe(0);
    await expectError(
      await call(`/networks/${o.network.slug}/impact?group_by=person`, { session }),
      422,
      'VALIDATION_FAILED',
      ['group_by'],
    );
    await expectError(
      await call(`/networks/${o.network.slug}/flows?from=yesterday`, { session }),
      422,
      'VALIDATION_FAILED',
      ['from'],
    );
    await expectError(
      await call(`/networks/${o.network.slug}/method`, {
        session,
        method: 'PATCH',
        body: { attribution: 1.5, deadweight: 0.1234 },
      }),
      422,
      'VALIDATION_FAILED',
      ['attribution', 'deadweight'],
    );
    await expectError(
      await call(`/networks/${o.network.slug}/method`, { session, method: 'PATCH', body: {} }),
      422,
      'VALIDATION_FAILED',
    );
    expect(await count('SELECT count(*) AS n FROM network_methods WHERE attribution_permille <> 1000')).toBe(
      0,
    );
  });

  it('answers 404 for unknown networks, hubs and exchanges outside the network', async () => {
    const o = await networkOfTwo();
    const session = o.giver.session;
    await expectError(await call('/networks/no-such-network/impact', { session }), 404, 'NETWORK_NOT_FOUND');
    await expectError(await call('/networks/no-such-network'), 404, 'NETWORK_NOT_FOUND');
    await expectError(await call('/hubs/no-such-hub/impact'), 404, 'HUB_NOT_FOUND');
    await expectError(
      await call(`/networks/${o.network.slug}/hubs/no-such-hub`, { session, method: 'PUT' }),
      404,
      'HUB_NOT_FOUND',
    );
    const elsewhere = await twoHubs();
    const ex = await completedExchange(elsewhere, 1, { massGrams: 1000 });
    await expectError(
      await call(`/networks/${o.network.slug}/exchanges/${ex.id}/recalculate`, { session, method: 'POST' }),
      404,
      'EXCHANGE_NOT_IN_NETWORK',
    );
    await expectError(
      await call(`/networks/${o.network.slug}/hubs/${elsewhere.giver.hub.slug}`, {
        session,
        method: 'DELETE',
      }),
      404,
      'HUB_NOT_IN_NETWORK',
    );
    expect(await count("SELECT count(*) AS n FROM exchange_impacts WHERE reason = 'recalculation'")).toBe(0);
  });

  it('says when a coordinator to appoint has no account, or already coordinates', async () => {
    const { session, email } = await makerWithHub();
    const n = await createNetwork(session);
    await expectError(
      await call(`/networks/${n.slug}/coordinators`, { session, body: { email: 'nobody@example.org' } }),
      422,
      'COORDINATOR_NO_ACCOUNT',
      ['email'],
    );
    await expectError(
      await call(`/networks/${n.slug}/coordinators`, { session, body: { email } }),
      409,
      'ALREADY_COORDINATOR',
    );
    expect(
      await count(
        'SELECT count(*) AS n FROM network_coordinators c JOIN networks n ON n.id = c.network_id WHERE n.slug = ?1',
        n.slug,
      ),
    ).toBe(1);
  });
});
