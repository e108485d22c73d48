/**
 * Text and links people type, as an attacker types them: control characters (NUL, bidi
 * overrides) are removed at the schema, markup is kept as plain text (the pages escape it), and a
 * web address is accepted only as http(s), for every kind of thing a person writes.
 */
import { describe, expect, it } from 'vitest';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { ZMachine } from '../../src/shared/machines.schemas';
import { ZHub } from '../../src/shared/hubs.schemas';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZRequest } from '../../src/shared/requests.schemas';
import { ZStreamDetail } from '../../src/shared/streams.schemas';
import { actOk, completedExchange, twoHubs } from '../exchanges-helpers';
import { call, createHub, db, expectError, expectJson, HUB_DEFAULTS, signup } from '../helpers';
import { createMachine } from '../machines-helpers';
import { createStream } from '../streams-helpers';

const MARKUP = '<img src=x onerror=alert(1)>';
/** NUL, a bell, a C1 control and a right-to-left override around markup. */
const hostile = (label: string) => `\u0000${label}\u0007 ${MARKUP}\u009b\u202e`;
const clean = (label: string) => `${label} ${MARKUP}`;
const BAD_URLS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:x',
  'ftp://x.org',
];

async function columns(table: string, id: number | string, cols: string[], key = 'id') {
  return db
    .prepare(`SELECT ${cols.join(', ')} FROM ${table} WHERE ${key} = ?1`)
    .bind(id)
    .first<Record<string, string | null>>();
}

describe('hostile text and links', () => {
  it('a hub: name, city and description lose their controls, the website must be http(s)', async () => {
    const { session } = await signup();
    for (const website of BAD_URLS) {
      const slug = `bad-site-${BAD_URLS.indexOf(website)}`;
      await expectError(
        await call('/hubs', { session, body: { ...HUB_DEFAULTS, slug, website } }),
        422,
        'VALIDATION_FAILED',
        ['website'],
      );
      expect(await columns('hubs', slug, ['slug'], 'slug')).toBeNull();
    }
    const hub = await createHub(session, {
      name: hostile('Broei'),
      city: `Gent\u0000\nStad`,
      description: `Line one\r\nLine two\u0000 ${MARKUP}`,
      website: 'https://broei.be',
    });
    expect(await columns('hubs', hub.slug, ['name', 'city', 'description', 'website'], 'slug')).toEqual({
      name: clean('Broei'),
      city: 'Gent Stad',
      description: `Line one\nLine two ${MARKUP}`,
      website: 'https://broei.be',
    });
    for (const website of BAD_URLS)
      await expectError(
        await call(`/hubs/${hub.slug}`, { session, method: 'PATCH', body: { website } }),
        422,
        'VALIDATION_FAILED',
        ['website'],
      );
    const shown = await expectJson(await call(`/hubs/${hub.slug}`), 200, ZHub);
    expect(shown.website).toBe('https://broei.be');
  });

  it('a listing, a request, a stream and a machine keep their markup as text, without controls', async () => {
    const o = await twoHubs({ title: hostile('Birch'), description: `a\u0000b\r\nc ${MARKUP}` });
    const listing = await expectJson(await call(`/listings/${o.listingId}`), 200, ZListing);
    expect([listing.title, listing.description]).toEqual([clean('Birch'), `ab\nc ${MARKUP}`]);

    const request = await expectJson(
      await call('/requests', {
        session: o.receiver.session,
        body: {
          hub: o.receiver.hub.slug,
          title: hostile('Wanted'),
          description: `\u0000${MARKUP}`,
          category: 'birch-plywood',
          quantity: 2,
          unit: 'sheets',
        },
      }),
      201,
      ZRequest,
    );
    expect(await columns('requests', request.id, ['title', 'description'])).toEqual({
      title: clean('Wanted'),
      description: MARKUP,
    });

    const stream = await createStream(o.giver.session, o.giver.hub.slug, {
      title: hostile('Weekly'),
      description: `x\u0000${MARKUP}`,
    });
    expect(ZStreamDetail.parse(stream).title).toBe(clean('Weekly'));
    expect(await columns('streams', stream.id, ['title', 'description'])).toEqual({
      title: clean('Weekly'),
      description: `x${MARKUP}`,
    });

    const machine = await createMachine(o.giver.session, o.giver.hub.slug, {
      name: hostile('Laser'),
      description: `\u0000${MARKUP}`,
      rules: `Rule\u0000 1\r\nRule 2`,
      materialsAllowed: [`acrylic\u0000`],
    });
    expect(ZMachine.parse(machine)).toMatchObject({
      name: clean('Laser'),
      description: MARKUP,
      rules: 'Rule 1\nRule 2',
      materialsAllowed: ['acrylic'],
    });
  });

  it('an exchange message and an outcome: text without controls, the outcome link http(s) only', async () => {
    const o = await twoHubs();
    const done = await completedExchange(o);
    const talk = await actOk(o.receiver.session, done.id, 'messages', { body: hostile('Thanks') });
    expect(talk.messages.at(-1)?.body).toBe(clean('Thanks'));
    for (const link of BAD_URLS)
      await expectError(
        await call(`/exchanges/${done.id}/outcome`, {
          session: o.receiver.session,
          body: { body: 'A bench', link },
        }),
        422,
        'VALIDATION_FAILED',
        ['link'],
      );
    const after = await expectJson(
      await call(`/exchanges/${done.id}/outcome`, {
        session: o.receiver.session,
        body: { body: hostile('A bench'), link: 'https://broei.be/bench' },
      }),
      201,
      ZExchangeDetail,
    );
    expect(after.outcomes).toEqual([
      expect.objectContaining({ body: clean('A bench'), link: 'https://broei.be/bench' }),
    ]);
  });
});
