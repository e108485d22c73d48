import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { call, count, expectError, expectJson, makerWithHub, photoForm, PNG_BYTES } from '../helpers';
import { actOk, completedExchange, twoHubs } from '../exchanges-helpers';

async function withOutcome() {
  const o = await twoHubs();
  const ex = await completedExchange(o);
  const done = await actOk(o.receiver.session, ex.id, 'outcome', {
    body: 'Laser-cut stools for the youth workshop',
  });
  const outcome = done.outcomes[0]!;
  return { ...o, exchangeId: ex.id, outcomeId: outcome.id };
}

describe('what the material became: the outcome photo', () => {
  it('stores one photo per outcome in R2, checked by content, and shows it to the two hubs only', async () => {
    const o = await withOutcome();
    const path = `/exchanges/${o.exchangeId}/outcomes/${o.outcomeId}/photo`;
    // A PNG sent under a JPEG name is kept as what it is.
    const res = await call(path, {
      session: o.receiver.session,
      form: photoForm(PNG_BYTES, 'stool.jpg', 'image/jpeg'),
    });
    const ex = await expectJson(res, 201, ZExchangeDetail);
    expect(ex.outcomes[0]!.photo).toMatchObject({
      contentType: 'image/png',
      bytes: PNG_BYTES.byteLength,
      url: `/api/v1${path}`,
    });
    expect(await count('SELECT count(*) AS n FROM outcome_photos WHERE outcome_id = ?1', o.outcomeId)).toBe(
      1,
    );

    const giverView = await call(path, { session: o.giver.session });
    expect(giverView.status).toBe(200);
    expect(new Uint8Array(await giverView.arrayBuffer())).toEqual(PNG_BYTES);
    // Served like every other photo: its checked type, private caching, and 304 for bytes already held.
    expect(giverView.headers.get('content-type')).toBe('image/png');
    expect(giverView.headers.get('cache-control')).toBe('private, max-age=3600');
    const etag = giverView.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await call(path, { session: o.giver.session, headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    const stranger = await makerWithHub();
    await expectError(await call(path, { session: stranger.session }), 404, 'EXCHANGE_NOT_FOUND');
    await expectError(await call(path), 401, 'UNAUTHENTICATED');
  });

  it('refuses a second photo, a fake image, and the other hub, and stores nothing more', async () => {
    const o = await withOutcome();
    const path = `/exchanges/${o.exchangeId}/outcomes/${o.outcomeId}/photo`;
    const fake = new TextEncoder().encode('GIF89a but not really');
    await expectError(
      await call(path, { session: o.receiver.session, form: photoForm(fake) }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await expectError(
      await call(path, { session: o.giver.session, form: photoForm(PNG_BYTES) }),
      403,
      'FORBIDDEN',
    );
    expect(await count('SELECT count(*) AS n FROM outcome_photos WHERE outcome_id = ?1', o.outcomeId)).toBe(
      0,
    );

    const both = await Promise.all(
      [1, 2, 3].map(() => call(path, { session: o.receiver.session, form: photoForm(PNG_BYTES) })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await env.PHOTOS.list({ prefix: `outcomes/${o.outcomeId}/` })).objects).toHaveLength(1);
  });
});
