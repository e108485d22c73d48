import { describe, expect, it } from 'vitest';
import { ZNetwork, ZNetworkHub, ZNetworkSummary } from '../../src/shared/networks.schemas';
import { z } from 'zod';
import { call, count, db, expectJson, makerWithHub, signup } from '../helpers';
import { addHub, createNetwork } from '../impact-helpers';

describe('networks: happy paths', () => {
  it('creates a network whose creator coordinates it, with the default method', async () => {
    const { session, me } = await signup();
    const network = await createNetwork(session, { name: 'Ghent makers', description: 'City network' });
    expect(network).toMatchObject({
      name: 'Ghent makers',
      description: 'City network',
      isCoordinator: true,
      hubs: [],
      coordinators: [{ id: me.user.id }],
      method: { attribution: 1, deadweight: 0, transport: true, estimateRange: 0.25 },
    });
    const row = await db
      .prepare(
        `SELECT n.name, c.user_id, m.attribution_permille FROM networks n
         JOIN network_coordinators c ON c.network_id = n.id JOIN network_methods m ON m.network_id = n.id WHERE n.slug = ?1`,
      )
      .bind(network.slug)
      .first();
    expect(row).toEqual({ name: 'Ghent makers', user_id: me.user.id, attribution_permille: 1000 });

    const list = await expectJson(
      await call('/networks', { session }),
      200,
      z.object({ items: z.array(ZNetworkSummary) }),
    );
    expect(list.items.find((n) => n.slug === network.slug)).toMatchObject({
      isCoordinator: true,
      hubCount: 0,
    });
    const patched = await expectJson(
      await call(`/networks/${network.slug}`, { session, method: 'PATCH', body: { name: 'Gent makers' } }),
      200,
      ZNetwork,
    );
    expect(patched.name).toBe('Gent makers');
  });

  it("adds a hub its coordinator manages at once, invites another until that hub's manager accepts", async () => {
    const coordinator = await makerWithHub();
    const other = await makerWithHub();
    const network = await createNetwork(coordinator.session);
    const own = await expectJson(
      await addHub(coordinator.session, network.slug, coordinator.hub.slug),
      200,
      ZNetworkHub,
    );
    expect(own.status).toBe('active');
    const invited = await expectJson(
      await addHub(coordinator.session, network.slug, other.hub.slug),
      200,
      ZNetworkHub,
    );
    expect(invited.status).toBe('invited');

    const publicView = await expectJson(await call(`/networks/${network.slug}`), 200, ZNetwork);
    expect(publicView.hubs.map((h) => h.slug)).toEqual([coordinator.hub.slug]);
    expect(publicView.coordinators).toBeNull();

    const pending = await call(`/hubs/${other.hub.slug}/network-invitations`, { session: other.session });
    expect(((await pending.json()) as { items: { slug: string }[] }).items.map((i) => i.slug)).toEqual([
      network.slug,
    ]);
    const accepted = await expectJson(
      await addHub(other.session, network.slug, other.hub.slug),
      200,
      ZNetworkHub,
    );
    expect(accepted.status).toBe('active');
    // A coordinator's repeated call never lowers it back to an invitation.
    await addHub(coordinator.session, network.slug, other.hub.slug);
    expect(
      await count(
        "SELECT count(*) AS n FROM network_hubs nh JOIN networks n ON n.id = nh.network_id WHERE n.slug = ?1 AND nh.status = 'active'",
        network.slug,
      ),
    ).toBe(2);

    // The hub's manager may leave the network.
    const left = await call(`/networks/${network.slug}/hubs/${other.hub.slug}`, {
      session: other.session,
      method: 'DELETE',
    });
    expect(left.status).toBe(204);
    const after = await expectJson(
      await call(`/networks/${network.slug}`, { session: coordinator.session }),
      200,
      ZNetwork,
    );
    expect(after.hubs.map((h) => h.slug)).toEqual([coordinator.hub.slug]);
  });

  it('lets a hub be in several networks', async () => {
    const maker = await makerWithHub();
    const a = await createNetwork(maker.session);
    const b = await createNetwork(maker.session);
    for (const n of [a, b]) expect((await addHub(maker.session, n.slug, maker.hub.slug)).status).toBe(200);
    expect(
      await count(
        'SELECT count(*) AS n FROM network_hubs WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
        maker.hub.slug,
      ),
    ).toBe(2);
  });

  it('appoints and removes coordinators, keeping at least one', async () => {
    const first = await signup();
    const second = await signup();
    const network = await createNetwork(first.session);
    const added = await expectJson(
      await call(`/networks/${network.slug}/coordinators`, {
        session: first.session,
        body: { email: second.email.toUpperCase() },
      }),
      200,
      ZNetwork,
    );
    expect(added.coordinators?.map((p) => p.id).sort()).toEqual([first.me.user.id, second.me.user.id].sort());
    const removed = await call(`/networks/${network.slug}/coordinators/${first.me.user.id}`, {
      session: second.session,
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    const last = await call(`/networks/${network.slug}/coordinators/${second.me.user.id}`, {
      session: second.session,
      method: 'DELETE',
    });
    expect(last.status).toBe(409);
    expect(
      await count(
        'SELECT count(*) AS n FROM network_coordinators c JOIN networks n ON n.id = c.network_id WHERE n.slug = ?1',
        network.slug,
      ),
    ).toBe(1);
  });
});
