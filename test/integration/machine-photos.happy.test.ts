import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ZMachine, ZMachineList } from '../../src/shared/machines.schemas';
import { ZPhoto } from '../../src/shared/photos.schemas';
import {
  call,
  count,
  expectError,
  expectJson,
  invite,
  makerWithHub,
  photoForm,
  PNG_BYTES,
  signup,
} from '../helpers';
import { createMachine } from '../machines-helpers';

describe('machine photos', () => {
  it('a manager adds photos checked by content; everyone sees them; the manager removes one', async () => {
    const manager = await makerWithHub();
    const machine = await createMachine(manager.session, manager.hub.slug);
    const photo = await expectJson(
      await call(`/machines/${machine.id}/photos`, {
        session: manager.session,
        form: photoForm(PNG_BYTES, 'laser.jpg', 'image/jpeg'),
      }),
      201,
      ZPhoto,
    );
    expect(photo).toMatchObject({
      contentType: 'image/png',
      url: `/api/v1/machines/${machine.id}/photos/${photo.id}`,
    });

    const seen = await expectJson(await call(`/machines/${machine.id}`), 200, ZMachine);
    expect(seen.photos.map((p) => p.id)).toEqual([photo.id]);
    const list = await expectJson(await call(`/machines?hub=${manager.hub.slug}`), 200, ZMachineList);
    expect(list.items.find((m) => m.id === machine.id)?.photos).toHaveLength(1);
    const served = await call(`/machines/${machine.id}/photos/${photo.id}`);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_BYTES);
    // The photo is only served under its own machine.
    await expectError(await call(`/machines/${machine.id + 999}/photos/${photo.id}`), 404, 'PHOTO_NOT_FOUND');

    const removed = await call(`/machines/${machine.id}/photos/${photo.id}`, {
      session: manager.session,
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect(await count('SELECT count(*) AS n FROM machine_photos WHERE machine_id = ?1', machine.id)).toBe(0);
    expect((await env.PHOTOS.list({ prefix: `machines/${machine.id}/` })).objects).toHaveLength(0);
  });

  it('refuses members, strangers, the anonymous, fakes and a ninth photo, and stores nothing more', async () => {
    const manager = await makerWithHub();
    const machine = await createMachine(manager.session, manager.hub.slug);
    const member = await signup();
    await invite(manager.session, manager.hub.slug, member.session);
    const stranger = await makerWithHub();
    const path = `/machines/${machine.id}/photos`;
    await expectError(
      await call(path, { session: member.session, form: photoForm(PNG_BYTES) }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await call(path, { session: stranger.session, form: photoForm(PNG_BYTES) }),
      403,
      'FORBIDDEN',
    );
    await expectError(await call(path, { form: photoForm(PNG_BYTES) }), 401, 'UNAUTHENTICATED');
    const fake = new TextEncoder().encode('not an image at all');
    await expectError(
      await call(path, { session: manager.session, form: photoForm(fake) }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(await count('SELECT count(*) AS n FROM machine_photos WHERE machine_id = ?1', machine.id)).toBe(0);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(path, { session: manager.session, form: photoForm(PNG_BYTES) })),
    );
    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(8);
    expect(results.map((r) => r.status).filter((s) => s === 409)).toHaveLength(2);
    expect(await count('SELECT count(*) AS n FROM machine_photos WHERE machine_id = ?1', machine.id)).toBe(8);
    expect((await env.PHOTOS.list({ prefix: `machines/${machine.id}/` })).objects).toHaveLength(8);
  });
});
