/**
 * Security headers: every API answer is inert data (a sandboxing CSP), photos are images shown
 * inline that can never run as a page, and every page the Worker serves carries the same
 * headers as the static pages (web/static/_headers).
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import staticHeaders from '../../web/static/_headers?raw';
import { API_CSP, PAGE_HEADERS } from '../../src/http/security-headers';
import { ZExchangeDetail } from '../../src/shared/exchanges.schemas';
import { ZPhoto } from '../../src/shared/photos.schemas';
import { actOk, completedExchange, twoHubs } from '../exchanges-helpers';
import { call, createListing, expectJson, makerWithHub, ORIGIN, photoForm, PNG_BYTES } from '../helpers';
import { createMachine } from '../machines-helpers';

/** A file that is a PNG by its first bytes and an HTML page after them. */
const POLYGLOT = new Uint8Array([
  ...PNG_BYTES,
  ...new TextEncoder().encode('<html><body><script>parent.postMessage("ran", "*")</script></body></html>'),
]);

function expectInertImage(res: Response, label: string) {
  expect(res.status, label).toBe(200);
  expect(res.headers.get('content-type'), label).toBe('image/png');
  expect(res.headers.get('content-disposition'), label).toBe('inline');
  expect(res.headers.get('x-content-type-options'), label).toBe('nosniff');
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, label).toBe(API_CSP);
  expect(
    csp.split(';').map((d) => d.trim()),
    label,
  ).toEqual(expect.arrayContaining(["default-src 'none'", 'sandbox', "frame-ancestors 'none'"]));
}

/** The `/*` rule of a _headers file as name → value. */
function rootRule(file: string): Record<string, string> {
  const rules = file.split(/\n(?=\S)/);
  const root = rules.find((r) => r.startsWith('/*\n')) ?? '';
  return Object.fromEntries(
    root
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => {
        const [name, ...value] = l.trim().split(':');
        return [name!, value.join(':').trim()];
      }),
  );
}

describe('security headers', () => {
  it('every API answer, error or not, lets nothing in it load or run', async () => {
    for (const res of [await call('/health'), await call('/listings/999999'), await call('/openapi.json')])
      expect(res.headers.get('content-security-policy')).toBe(API_CSP);
  });

  it('photos of listings, machines and outcomes are inline images, sandboxed, never sniffed', async () => {
    const owner = await makerWithHub();
    const listing = await createListing(owner.session, owner.hub.slug);
    const photo = await expectJson(
      await call(`/listings/${listing.id}/photos`, { session: owner.session, form: photoForm(POLYGLOT) }),
      201,
      ZPhoto,
    );
    expectInertImage(await call(photo.url.replace('/api/v1', '')), 'listing photo');

    const machine = await createMachine(owner.session, owner.hub.slug);
    const machinePhoto = await expectJson(
      await call(`/machines/${machine.id}/photos`, { session: owner.session, form: photoForm(POLYGLOT) }),
      201,
      ZPhoto,
    );
    expectInertImage(await call(machinePhoto.url.replace('/api/v1', '')), 'machine photo');

    const o = await twoHubs();
    const ex = await completedExchange(o);
    const outcome = (await actOk(o.receiver.session, ex.id, 'outcome', { body: 'A stool' })).outcomes[0]!;
    const path = `/exchanges/${ex.id}/outcomes/${outcome.id}/photo`;
    await expectJson(
      await call(path, { session: o.receiver.session, form: photoForm(POLYGLOT) }),
      201,
      ZExchangeDetail,
    );
    expectInertImage(await call(path, { session: o.receiver.session }), 'outcome photo');
  });

  it('pages the Worker serves carry exactly the headers of the static pages', async () => {
    expect(rootRule(staticHeaders)).toEqual(PAGE_HEADERS);
    expect(PAGE_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    for (const path of ['/', '/listings/16', '/hubs/broei'])
      for (const [name, value] of Object.entries(PAGE_HEADERS)) {
        const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`));
        expect(res.headers.get(name), `${path} ${name}`).toBe(value);
      }
  });
});
