/**
 * A machine_time listing names the machine it offers: only one of its own hub's machines, only for
 * machine time; the API refuses anything else with the field named, and the database keeps the
 * rule too (a trigger), so nothing half-written remains.
 */
import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, count, db, expectError, expectJson, makerWithHub } from '../helpers';
import { createMachine } from '../machines-helpers';

const MACHINE_TIME = {
  kind: 'machine_time',
  title: 'Spare laser time on weekday evenings',
  category: 'laser-cutting',
  quantity: 6,
  unit: 'hours',
  condition: 'good',
};

describe('a machine_time listing names its machine', () => {
  it('names a machine of its own hub, shows it, and lets it go when the kind changes', async () => {
    const owner = await makerWithHub();
    const machine = await createMachine(owner.session, owner.hub.slug);
    const created = await expectJson(
      await call('/listings', {
        session: owner.session,
        body: { ...MACHINE_TIME, hub: owner.hub.slug, machineId: machine.id },
      }),
      201,
      ZListing,
    );
    expect(created.machineId).toBe(machine.id);
    expect(
      await count(
        'SELECT count(*) AS n FROM listings WHERE id = ?1 AND machine_id = ?2',
        created.id,
        machine.id,
      ),
    ).toBe(1);
    const read = await expectJson(await call(`/listings/${created.id}`), 200, ZListing);
    expect(read.machineId).toBe(machine.id);

    // An older listing without a machine says so (null) and can be given one.
    const older = await expectJson(
      await call('/listings', { session: owner.session, body: { ...MACHINE_TIME, hub: owner.hub.slug } }),
      201,
      ZListing,
    );
    expect(older.machineId).toBeNull();
    const given = await expectJson(
      await call(`/listings/${older.id}`, {
        method: 'PATCH',
        session: owner.session,
        body: { machineId: machine.id },
      }),
      200,
      ZListing,
    );
    expect(given.machineId).toBe(machine.id);

    // Another kind offers no machine: the link goes with the change.
    const changed = await expectJson(
      await call(`/listings/${older.id}`, {
        method: 'PATCH',
        session: owner.session,
        body: { kind: 'offcut', unit: 'pieces' },
      }),
      200,
      ZListing,
    );
    expect(changed.machineId).toBeNull();
    expect(
      await count('SELECT count(*) AS n FROM listings WHERE id = ?1 AND machine_id IS NULL', older.id),
    ).toBe(1);
  });

  it('refuses another hub’s machine and a machine on another kind, naming the field, writing nothing', async () => {
    const owner = await makerWithHub();
    const other = await makerWithHub();
    const theirs = await createMachine(other.session, other.hub.slug);
    const mine = await createMachine(owner.session, owner.hub.slug);
    const before = await count(
      'SELECT count(*) AS n FROM listings WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
      owner.hub.slug,
    );

    const foreign = await expectError(
      await call('/listings', {
        session: owner.session,
        body: { ...MACHINE_TIME, hub: owner.hub.slug, machineId: theirs.id },
        headers: { 'accept-language': 'fr' },
      }),
      422,
      'VALIDATION_FAILED',
      ['machineId'],
    );
    expect(foreign.error.details?.fields?.[0]?.message).toMatch(/machine du hub/);
    await expectError(
      await call('/listings', {
        session: owner.session,
        body: { ...MACHINE_TIME, hub: owner.hub.slug, machineId: 999_999 },
      }),
      422,
      'VALIDATION_FAILED',
      ['machineId'],
    );
    await expectError(
      await call('/listings', {
        session: owner.session,
        body: {
          kind: 'offcut',
          title: 'Birch offcuts',
          category: 'birch-plywood',
          quantity: 3,
          unit: 'sheets',
          condition: 'good',
          hub: owner.hub.slug,
          machineId: mine.id,
        },
      }),
      422,
      'VALIDATION_FAILED',
      ['machineId'],
    );
    expect(
      await count(
        'SELECT count(*) AS n FROM listings WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
        owner.hub.slug,
      ),
    ).toBe(before);

    const listing = await expectJson(
      await call('/listings', { session: owner.session, body: { ...MACHINE_TIME, hub: owner.hub.slug } }),
      201,
      ZListing,
    );
    await expectError(
      await call(`/listings/${listing.id}`, {
        method: 'PATCH',
        session: owner.session,
        body: { machineId: theirs.id },
      }),
      422,
      'VALIDATION_FAILED',
      ['machineId'],
    );
    expect(
      await count('SELECT count(*) AS n FROM listings WHERE id = ?1 AND machine_id IS NULL', listing.id),
    ).toBe(1);
  });

  it('the database itself refuses a machine of another hub', async () => {
    const owner = await makerWithHub();
    const other = await makerWithHub();
    const theirs = await createMachine(other.session, other.hub.slug);
    const listing = await expectJson(
      await call('/listings', { session: owner.session, body: { ...MACHINE_TIME, hub: owner.hub.slug } }),
      201,
      ZListing,
    );
    await expect(
      db.prepare('UPDATE listings SET machine_id = ?2 WHERE id = ?1').bind(listing.id, theirs.id).run(),
    ).rejects.toThrow(/machine of its hub/);
    expect(
      await count('SELECT count(*) AS n FROM listings WHERE id = ?1 AND machine_id IS NULL', listing.id),
    ).toBe(1);
  });
});
