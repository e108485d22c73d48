import { describe, expect, it } from 'vitest';
import { ZImport } from '../../src/shared/imports.schemas';
import { call, count, expectError, expectJson, invite, makerWithHub, signup } from '../helpers';
import { csvLine, csvOf, importCsv } from '../inventory-helpers';

describe('import authorization', () => {
  it('only the hub’s managers import, see imports and their mapping; members export', async () => {
    const m = await makerWithHub();
    const member = await signup();
    await invite(m.session, m.hub.slug, member.session);
    const stranger = await signup();
    const csv = csvOf([csvLine(1)]);
    await expectError(
      await importCsv({ cookie: null }, m.hub.slug, { csv, dryRun: true }),
      401,
      'UNAUTHENTICATED',
    );
    await expectError(
      await call(`/hubs/${m.hub.slug}/imports`, {
        session: m.session,
        body: { csv, dryRun: false },
        noOrigin: true,
      }),
      403,
      'CSRF_FAILED',
    );
    for (const who of [member, stranger]) {
      await expectError(await importCsv(who.session, m.hub.slug, { csv, dryRun: false }), 403, 'FORBIDDEN');
      await expectError(
        await call(`/hubs/${m.hub.slug}/imports`, { session: who.session }),
        403,
        'FORBIDDEN',
      );
    }
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);

    const done = await expectJson(
      await importCsv(m.session, m.hub.slug, { csv, dryRun: false }),
      201,
      ZImport,
    );
    await expectError(
      await call(`/hubs/${m.hub.slug}/imports/${done.id}`, { session: member.session }),
      403,
      'FORBIDDEN',
    );
    await expectError(await call(`/hubs/${m.hub.slug}/imports/${done.id}`), 401, 'UNAUTHENTICATED');
    // Another hub's manager cannot read this import through their own hub.
    const other = await makerWithHub();
    await expectError(
      await call(`/hubs/${other.hub.slug}/imports/${done.id}`, { session: other.session }),
      404,
      'IMPORT_NOT_FOUND',
    );

    expect((await call(`/hubs/${m.hub.slug}/listings.csv`, { session: member.session })).status).toBe(200);
    await expectError(await call(`/hubs/${m.hub.slug}/listings.csv`), 401, 'UNAUTHENTICATED');
    await expectError(
      await call(`/hubs/${m.hub.slug}/listings.csv`, { session: stranger.session }),
      403,
      'NOT_A_MEMBER',
    );
  });
});
