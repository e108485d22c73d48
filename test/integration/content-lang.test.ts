/**
 * The language a listing or request is written in: the author's language unless they choose
 * another, editable, answered on every read (one item and search pages), refused when unknown.
 */
import { describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZRequest } from '../../src/shared/requests.schemas';
import { ZListingPage, ZRequestPage } from '../../src/shared/search.schemas';
import { call, createHub, db, expectJson, LISTING, signup } from '../helpers';

const REQUEST = {
  title: 'Plexiglas voor een lichtbak',
  description: 'Transparant, minstens 4 mm',
  category: 'acrylic',
  quantity: 3,
  unit: 'sheets',
};

async function frenchMaker() {
  const person = await signup({ locale: 'fr' });
  const hub = await createHub(person.session);
  return { ...person, hub };
}

const langOf = async (table: 'listings' | 'requests', id: number) =>
  (await db.prepare(`SELECT lang FROM ${table} WHERE id = ?1`).bind(id).first<{ lang: string | null }>())
    ?.lang;

describe('the language content is written in', () => {
  it('a listing is in its author’s language unless they say otherwise, and the language is editable', async () => {
    const { session, hub } = await frenchMaker();
    const byDefault = await expectJson(
      await call('/listings', { session, body: { ...LISTING, hub: hub.slug } }),
      201,
      ZListing,
    );
    expect(byDefault.lang).toBe('fr');
    expect(await langOf('listings', byDefault.id)).toBe('fr');

    const chosen = await expectJson(
      await call('/listings', { session, body: { ...LISTING, hub: hub.slug, lang: 'en' } }),
      201,
      ZListing,
    );
    expect(chosen.lang).toBe('en');
    expect(await langOf('listings', chosen.id)).toBe('en');

    const edited = await expectJson(
      await call(`/listings/${chosen.id}`, { session, method: 'PATCH', body: { lang: 'nl' } }),
      200,
      ZListing,
    );
    expect(edited).toMatchObject({ lang: 'nl', title: LISTING.title });
    expect(await langOf('listings', chosen.id)).toBe('nl');

    // Search pages say it too.
    const page = await expectJson(await call(`/listings?hub=${hub.slug}`), 200, ZListingPage);
    expect(Object.fromEntries(page.items.map((l) => [l.id, l.lang]))).toEqual({
      [byDefault.id]: 'fr',
      [chosen.id]: 'nl',
    });
  });

  it('a request is in its author’s language unless they say otherwise, and the language is editable', async () => {
    const { session, hub } = await frenchMaker();
    const byDefault = await expectJson(
      await call('/requests', { session, body: { ...REQUEST, hub: hub.slug } }),
      201,
      ZRequest,
    );
    expect(byDefault.lang).toBe('fr');
    const chosen = await expectJson(
      await call('/requests', { session, body: { ...REQUEST, hub: hub.slug, lang: 'nl' } }),
      201,
      ZRequest,
    );
    expect(chosen.lang).toBe('nl');
    expect(await langOf('requests', chosen.id)).toBe('nl');

    const edited = await expectJson(
      await call(`/requests/${byDefault.id}`, { session, method: 'PATCH', body: { lang: 'en' } }),
      200,
      ZRequest,
    );
    expect(edited.lang).toBe('en');
    expect(await langOf('requests', byDefault.id)).toBe('en');
    const page = await expectJson(await call(`/requests?hub=${hub.slug}`), 200, ZRequestPage);
    expect(page.items.map((r) => r.lang).sort()).toEqual(['en', 'nl']);
  });

  it('an unknown language is refused with the field named in the reader’s language, and nothing is written', async () => {
    const { session, hub } = await frenchMaker();
    const before = (await db.prepare('SELECT count(*) AS n FROM listings').first<{ n: number }>())!.n;
    const res = await call('/listings', {
      session,
      body: { ...LISTING, hub: hub.slug, lang: 'de' },
      headers: { 'accept-language': 'fr' },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; details: { fields: { path: string; message: string }[] } };
    };
    const field = body.error.details.fields.find((f) => f.path === 'lang');
    expect(field?.message).toMatch(/^Langue du texte/);
    expect((await db.prepare('SELECT count(*) AS n FROM listings').first<{ n: number }>())!.n).toBe(before);

    const { id } = await expectJson(
      await call('/requests', { session, body: { ...REQUEST, hub: hub.slug } }),
      201,
      ZRequest,
    );
    const patch = await call(`/requests/${id}`, { session, method: 'PATCH', body: { lang: 'xx' } });
    expect(patch.status).toBe(422);
    expect(await langOf('requests', id)).toBe('fr');
  });

  it('a row written without a language reads as its author’s', async () => {
    const { session, hub, me } = await frenchMaker();
    const { id } = await expectJson(
      await call('/listings', { session, body: { ...LISTING, hub: hub.slug } }),
      201,
      ZListing,
    );
    await db.prepare('UPDATE listings SET lang = NULL WHERE id = ?1').bind(id).run();
    const listing = await expectJson(await call(`/listings/${id}`), 200, ZListing);
    expect(listing.lang).toBe('fr');
    expect(me.user.locale).toBe('fr');
  });
});
