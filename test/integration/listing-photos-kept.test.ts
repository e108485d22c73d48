/**
 * The photos a listing's row keeps (`listings.photos`, migration 0050, set by triggers on
 * listing_photos): after every kind of photo change the column holds what listing_photos holds,
 * in order, and the listing page and a search page answer the photos the statement over
 * listing_photos gave before, without running it.
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import * as photoRepo from '../../src/modules/photos/photos.repo';
import { ZListing } from '../../src/shared/listings.schemas';
import { ZPhoto } from '../../src/shared/photos.schemas';
import { ZListingPage } from '../../src/shared/search.schemas';
import { importDatabase, readTable, type TableDump } from '../backup-helpers';
import { recorded } from '../bench-recorder';
import {
  call,
  createListing,
  db,
  expectJson,
  JPEG_BYTES,
  LISTING,
  makerWithHub,
  photoForm,
  PNG_BYTES,
  type Session,
} from '../helpers';
import { jpeg, orderForm, png, publishForm } from '../listing-photos-helpers';

// Each test's listing has a word of its own, so a search finds it alone.
const searchOf = (word: string) => `/listings?q=${word}`;

/** The column, and the same array built from listing_photos in the order photos are shown. */
async function keptAndExpected(listingId: number) {
  const row = await db
    .prepare('SELECT photos FROM listings WHERE id = ?1')
    .bind(listingId)
    .first<{ photos: string | null }>();
  const { results } = await db
    .prepare('SELECT id, content_type, bytes FROM listing_photos WHERE listing_id = ?1 ORDER BY position, id')
    .bind(listingId)
    .all<{ id: number; content_type: string; bytes: number }>();
  return {
    kept: row!.photos,
    expected: results.length ? JSON.stringify(results.map((r) => [r.id, r.content_type, r.bytes])) : null,
  };
}

/**
 * The column equals listing_photos (NULL when none), and the listing page and a search page answer
 * the photos `photosOf` (the statement they ran before) gives: same ids, order, URLs, types, sizes.
 */
async function expectKept(listingId: number, word: string, ids: number[]) {
  const { kept, expected } = await keptAndExpected(listingId);
  expect(kept).toBe(expected);
  const before = (
    await photoRepo.photosOf(db, photoRepo.LISTING_PHOTOS, [listingId], (_, id) => `/api/v1/photos/${id}`)
  ).get(listingId);
  expect((before ?? []).map((p) => p.id)).toEqual(ids);
  const page = await expectJson(await call(`/listings/${listingId}`), 200, ZListing);
  expect(page.photos).toEqual(before ?? []);
  const search = await expectJson(await call(searchOf(word)), 200, ZListingPage);
  expect(search.items.map((l) => l.id)).toEqual([listingId]);
  expect(search.items[0]!.photos).toEqual(before ?? []);
}

async function addPhoto(session: Session, listingId: number, form: FormData): Promise<number> {
  return (await expectJson(await call(`/listings/${listingId}/photos`, { session, form }), 201, ZPhoto)).id;
}

describe('the photos a listing keeps on its row', () => {
  it('follow adding three, reordering, removing one and removing all', async () => {
    const { session, hub } = await makerWithHub();
    const word = 'zebrawood';
    const { id } = await createListing(session, hub.slug, { title: `Walnut and ${word} offcuts` });
    await expectKept(id, word, []);

    const a = await addPhoto(session, id, photoForm(JPEG_BYTES, 'a.jpg', 'image/jpeg'));
    await expectKept(id, word, [a]);
    const b = await addPhoto(session, id, photoForm(PNG_BYTES, 'b.png'));
    const c = await addPhoto(session, id, photoForm(JPEG_BYTES, 'c.jpg', 'image/jpeg'));
    await expectKept(id, word, [a, b, c]);

    await expectJson(
      await call(`/listings/${id}/photos`, { session, method: 'PUT', form: orderForm([c, a, b]) }),
      200,
      ZListing,
    );
    await expectKept(id, word, [c, a, b]);

    expect((await call(`/listings/${id}/photos/${a}`, { session, method: 'DELETE' })).status).toBe(204);
    await expectKept(id, word, [c, b]);

    await expectJson(
      await call(`/listings/${id}/photos`, { session, method: 'PUT', form: orderForm([]) }),
      200,
      ZListing,
    );
    await expectKept(id, word, []);
  });

  it('follow publishing with photos, and keeping, reordering, removing and adding in one batch', async () => {
    const { session, hub } = await makerWithHub();
    const word = 'padauk';
    const published = await expectJson(
      await call('/listings/with-photos', {
        session,
        form: publishForm({ ...LISTING, title: `Birch and ${word} strips`, hub: hub.slug }, [
          jpeg('1.jpg'),
          png('2.png'),
          jpeg('3.jpg'),
        ]),
      }),
      201,
      ZListing,
    );
    const [a, b, c] = published.photos.map((p) => p.id) as [number, number, number];
    await expectKept(published.id, word, [a, b, c]);

    const updated = await expectJson(
      await call(`/listings/${published.id}/photos`, {
        session,
        method: 'PUT',
        form: orderForm([c, null, a, null], [png('new.png'), jpeg('newer.jpg')]),
      }),
      200,
      ZListing,
    );
    const ids = updated.photos.map((p) => p.id);
    expect([ids[0], ids[2]]).toEqual([c, a]);
    expect(ids).not.toContain(b);
    await expectKept(published.id, word, ids);
  });

  it('a listing page and a search page run no statement over listing_photos', async () => {
    const { session, hub } = await makerWithHub();
    const word = 'wenge';
    const { id } = await createListing(session, hub.slug, { title: `Oak and ${word} blocks` });
    await addPhoto(session, id, photoForm(PNG_BYTES, 'a.png'));
    for (const path of [`/listings/${id}`, searchOf(word)]) {
      const r = await recorded(path);
      expect(r.res.status).toBe(200);
      expect(r.statements.length).toBeGreaterThan(0);
      expect(r.statements.filter((s) => s.sql.includes('listing_photos'))).toEqual([]);
      const body = (await r.res.json()) as { photos?: unknown[]; items?: { photos: unknown[] }[] };
      expect((body.photos ?? body.items?.[0]?.photos)?.length).toBe(1);
    }
  });
});

describe('migration 0050', () => {
  it('fills the column of each listing with photos, in their order; the others stay NULL', async () => {
    // Listings with and without photos, made through the API in the migrated database.
    const { session, hub } = await makerWithHub();
    const { id: bare } = await createListing(session, hub.slug, { title: 'Bare ash boards' });
    const withPhotos = await expectJson(
      await call('/listings/with-photos', {
        session,
        form: publishForm({ ...LISTING, hub: hub.slug }, [jpeg('1.jpg'), png('2.png'), jpeg('3.jpg')]),
      }),
      201,
      ZListing,
    );
    const [a, b, c] = withPhotos.photos.map((p) => p.id) as [number, number, number];

    // The same rows in a second database migrated up to 0049, the listings without the column.
    const target = env.RESTORE_DB;
    const before = env.TEST_MIGRATIONS.filter((m) => m.name < '0050');
    expect(env.TEST_MIGRATIONS[before.length]!.name).toMatch(/^0050_/);
    await applyD1Migrations(target, before);
    const tables: Record<string, TableDump> = {};
    for (const t of ['users', 'hubs', 'listings', 'listing_photos']) tables[t] = await readTable(db, t);
    // Without the columns later migrations added: the listings' photos, the hubs' key by name (0064).
    const without = (t: TableDump, column: string): TableDump => {
      const drop = t.columns.indexOf(column);
      return {
        ...t,
        columns: t.columns.filter((_, i) => i !== drop),
        rows: t.rows.map((r) => r.filter((_, i) => i !== drop)),
      };
    };
    tables.listings = without(tables.listings!, 'photos');
    tables.hubs = without(tables.hubs!, 'name_key');
    await importDatabase(target, JSON.stringify({ tables }), ['users', 'hubs', 'listings', 'listing_photos']);
    // Positions out of id order, with a tie: shown by position, then id.
    await target.batch([
      target.prepare('UPDATE listing_photos SET position = 1 WHERE id = ?1').bind(a),
      target.prepare('UPDATE listing_photos SET position = 0 WHERE id = ?1').bind(c),
      target.prepare('UPDATE listing_photos SET position = 1 WHERE id = ?1').bind(b),
    ]);

    await applyD1Migrations(target, env.TEST_MIGRATIONS);
    const kept = async (id: number) =>
      (await target
        .prepare('SELECT photos FROM listings WHERE id = ?1')
        .bind(id)
        .first<{ photos: string | null }>())!.photos;
    expect(await kept(bare)).toBeNull();
    expect(JSON.parse((await kept(withPhotos.id))!)).toEqual([
      [c, 'image/jpeg', JPEG_BYTES.byteLength],
      [a, 'image/jpeg', JPEG_BYTES.byteLength],
      [b, 'image/png', PNG_BYTES.byteLength],
    ]);
    // Every listing copied: the column as the triggers keep it in the database migrated all along.
    const { results } = await target
      .prepare('SELECT id, photos FROM listings WHERE id <> ?1 ORDER BY id')
      .bind(withPhotos.id)
      .all<{ id: number; photos: string | null }>();
    const source = await db
      .prepare('SELECT id, photos FROM listings WHERE id <> ?1 ORDER BY id')
      .bind(withPhotos.id)
      .all<{ id: number; photos: string | null }>();
    expect(results).toEqual(source.results);
    // Two databases migrated whole, photos uploaded: a budget far above its need on a busy machine.
  }, 120_000);
});
