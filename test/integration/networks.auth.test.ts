import { describe, expect, it } from 'vitest';
import { call, count, expectError, makerWithHub, signup } from '../helpers';
import { addHub, completedExchange, createNetwork, networkOfTwo } from '../impact-helpers';

describe('networks and impact: who may see and do what', () => {
  it('refuses anonymous writes and coordinator-only reads with 401', async () => {
    await expectError(
      await call('/networks', { body: { slug: 'anon-net', name: 'Anon' } }),
      401,
      'UNAUTHENTICATED',
    );
    expect(await count("SELECT count(*) AS n FROM networks WHERE slug = 'anon-net'")).toBe(0);
    const o = await networkOfTwo();
    for (const path of ['impact', 'impact/dashboard', 'flows', 'export.csv', 'export.json', 'open-data.json'])
      await expectError(await call(`/networks/${o.network.slug}/${path}`), 401, 'UNAUTHENTICATED');
  });

  it('answers a coordinator of another network with 404 on every dashboard route, and changes nothing', async () => {
    const o = await networkOfTwo();
    const ex = await completedExchange(o, 1, { massGrams: 1000 });
    const outsider = await signup();
    await createNetwork(outsider.session);
    // A member of a hub in the network is not a coordinator either.
    for (const session of [outsider.session, o.receiver.session]) {
      for (const path of [
        'impact',
        'impact/dashboard',
        'flows',
        'export.csv',
        'export.json',
        'open-data.json',
      ])
        await expectError(
          await call(`/networks/${o.network.slug}/${path}`, { session }),
          404,
          'NETWORK_NOT_FOUND',
        );
      await expectError(
        await call(`/networks/${o.network.slug}/exchanges/${ex.id}/recalculate`, { session, method: 'POST' }),
        404,
        'NETWORK_NOT_FOUND',
      );
      await expectError(
        await call(`/networks/${o.network.slug}/method`, {
          session,
          method: 'PATCH',
          body: { attribution: 0.5 },
        }),
        404,
        'NETWORK_NOT_FOUND',
      );
      await expectError(
        await call(`/networks/${o.network.slug}`, { session, method: 'PATCH', body: { name: 'Mine' } }),
        404,
        'NETWORK_NOT_FOUND',
      );
    }
    expect(await count('SELECT count(*) AS n FROM exchange_impacts WHERE reason = ?1', 'recalculation')).toBe(
      0,
    );
    expect(await count('SELECT count(*) AS n FROM network_methods WHERE attribution_permille = 500')).toBe(0);
  });

  it("refuses to add a hub by someone who neither coordinates nor was invited, and to remove another's hub", async () => {
    const coordinator = await makerWithHub();
    const network = await createNetwork(coordinator.session);
    await addHub(coordinator.session, network.slug, coordinator.hub.slug);
    const stranger = await makerWithHub();
    await expectError(
      await addHub(stranger.session, network.slug, stranger.hub.slug),
      404,
      'NETWORK_NOT_FOUND',
    );
    await expectError(
      await call(`/networks/${network.slug}/hubs/${coordinator.hub.slug}`, {
        session: stranger.session,
        method: 'DELETE',
      }),
      404,
      'NETWORK_NOT_FOUND',
    );
    await expectError(
      await call(`/networks/${network.slug}/coordinators`, {
        session: stranger.session,
        body: { email: stranger.email },
      }),
      404,
      'NETWORK_NOT_FOUND',
    );
    expect(
      await count(
        'SELECT count(*) AS n FROM network_hubs nh JOIN networks n ON n.id = nh.network_id WHERE n.slug = ?1',
        network.slug,
      ),
    ).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM network_coordinators c JOIN networks n ON n.id = c.network_id WHERE n.slug = ?1',
        network.slug,
      ),
    ).toBe(1);
  });
});
