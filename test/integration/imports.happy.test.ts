import { describe, expect, it } from 'vitest';
import { ZImport, ZImportList } from '../../src/shared/imports.schemas';
import { ZListing } from '../../src/shared/listings.schemas';
import { call, count, db, expectJson, makerWithHub } from '../helpers';
import { csvLine, csvOf, importCsv, listingsOfImport } from '../inventory-helpers';
import { newArea, newRequest, notificationsOf } from '../matching-helpers';

function bigCsv() {
  return csvOf(
    Array.from({ length: 5000 }, (_, i) => {
      const n = i + 1;
      if (n === 17) return csvLine(n, { quantity: 'lots' });
      if (n === 2500) return csvLine(n, { category: 'unobtainium' });
      if (n === 4999) return csvLine(n, { title: 'ab' });
      return csvLine(n);
    }),
  );
}

describe('imports', () => {
  it('5,000 rows with 3 bad ones: the dry run lists exactly those and creates nothing; the commit creates the rest at once', async () => {
    const m = await makerWithHub();
    const csv = bigCsv();
    const dry = await expectJson(await importCsv(m.session, m.hub.slug, { csv, dryRun: true }), 200, ZImport);
    expect(dry).toMatchObject({ id: null, status: 'dry_run', rowsTotal: 5000, rowsValid: 4997, rowsDone: 0 });
    expect(dry.errors.map((e) => [e.rowNumber, e.field, e.column])).toEqual([
      [17, 'quantity', 'quantity'],
      [2500, 'category', 'category'],
      [4999, 'title', 'title'],
    ]);
    expect(dry.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(dry.preview[0]).toMatchObject({
      title: 'Birch offcut batch 1',
      quantity: 2.5,
      description: 'From the workshop, "clean"',
    });
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM listing_imports')).toBe(0);

    const done = await expectJson(
      await importCsv(m.session, m.hub.slug, { csv, dryRun: false }),
      201,
      ZImport,
    );
    expect(done).toMatchObject({ status: 'completed', rowsTotal: 5000, rowsValid: 4997, rowsDone: 4997 });
    expect(await listingsOfImport(done.id as number)).toBe(4997);
    expect(
      await count(
        "SELECT count(*) AS n FROM listings WHERE title IN ('Birch offcut batch 17', 'Birch offcut batch 2500')",
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM listing_import_rows')).toBe(0);
    const one = await db
      .prepare('SELECT quantity_milli, author_id FROM listings WHERE title = ?1')
      .bind('Birch offcut batch 1')
      .first();
    expect(one).toMatchObject({ quantity_milli: 2500, author_id: m.me.user.id });
    // Searchable like any listing (the FTS triggers ran for each row).
    const found = await call(`/listings?q=${encodeURIComponent('batch 4998')}&hub=${m.hub.slug}`);
    expect(((await found.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

    const progress = await expectJson(
      await call(`/hubs/${m.hub.slug}/imports/${done.id}`, { session: m.session }),
      200,
      ZImport,
    );
    expect(progress).toMatchObject({ status: 'completed', rowsDone: 4997, rowsValid: 4997 });
  }, 120_000);

  it('imported listings are matched right after the import: queued in its batch, the request author notified', async () => {
    const makerAt = newArea();
    const giver = await makerAt('ghent');
    const asker = await makerAt('kortrijk');
    const request = await newRequest(asker.session, asker.hub.slug);
    const done = await expectJson(
      await importCsv(giver.session, giver.hub.slug, {
        csv: csvOf([csvLine(1), csvLine(2), csvLine(3, { category: 'steel' })]),
        dryRun: false,
      }),
      201,
      ZImport,
    );
    // The response does not wait for matching; the queue empties right after it.
    let left = -1;
    for (let i = 0; i < 50 && left !== 0; i++) {
      left = await count(
        'SELECT count(*) AS n FROM matching_queue q JOIN listings l ON l.id = q.listing_id WHERE l.import_id = ?1',
        done.id,
      );
      if (left) await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe(0);
    const matched = await db
      .prepare(
        `SELECT l.title FROM matches m JOIN listings l ON l.id = m.listing_id
         WHERE m.request_id = ?1 AND m.state = 'open' AND l.import_id = ?2 ORDER BY l.title`,
      )
      .bind(request.id, done.id)
      .all<{ title: string }>();
    // The two birch rows fit the plywood request; steel is another family.
    expect(matched.results.map((r) => r.title)).toEqual(['Birch offcut batch 1', 'Birch offcut batch 2']);
    const notes = await notificationsOf(asker.me.user.id);
    expect(notes.filter((n) => n.kind === 'request_match')).toHaveLength(2);
  });

  it('a column mapping for pasted spreadsheet rows (tabs, decimal commas) is remembered for the hub', async () => {
    const m = await makerWithHub();
    const csv =
      'Wat\tHoeveel\tEenheid\tSoort\tStaat\tCategorie\nMDF platen\t3,5\tsheets\toffcut\tgood\tmdf\nPLA misprints\t2\tkg\tmaterial\tused\tpla\n';
    const mapping = {
      title: 'Wat',
      quantity: 'Hoeveel',
      unit: 'Eenheid',
      kind: 'Soort',
      condition: 'Staat',
      category: 'Categorie',
    };
    const done = await expectJson(
      await importCsv(m.session, m.hub.slug, { csv, mapping, dryRun: false }),
      201,
      ZImport,
    );
    expect(done).toMatchObject({ rowsValid: 2, rowsDone: 2, errors: [] });
    expect(
      await count(
        'SELECT count(*) AS n FROM listings WHERE import_id = ?1 AND quantity_milli = 3500',
        done.id,
      ),
    ).toBe(1);
    const list = await expectJson(
      await call(`/hubs/${m.hub.slug}/imports`, { session: m.session }),
      200,
      ZImportList,
    );
    expect(list.mapping).toEqual(mapping);
    expect(list.items[0]).toMatchObject({ id: done.id, status: 'completed', rowsDone: 2 });
  });

  it('the export is the import format: it round-trips', async () => {
    const m = await makerWithHub();
    const lines = [
      csvLine(1, { title: '=SUM(A1) is not a formula', priceType: 'amount', priceCents: '250' }),
      csvLine(2, {
        description: 'Line one\nline two, with a comma',
        availableFrom: '2030-01-01',
        availableUntil: '2030-02-01',
      }),
    ];
    await expectJson(
      await importCsv(m.session, m.hub.slug, { csv: csvOf(lines), dryRun: false }),
      201,
      ZImport,
    );
    const res = await call(`/hubs/${m.hub.slug}/listings.csv`, { session: m.session });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const exported = await res.text();
    expect(exported).toContain("'=SUM(A1) is not a formula");
    const again = await expectJson(
      await importCsv(m.session, m.hub.slug, { csv: exported, dryRun: true }),
      200,
      ZImport,
    );
    expect(again.errors).toEqual([]);
    expect(again.rowsValid).toBe(2);
    expect(again.preview[0]).toMatchObject({
      title: '=SUM(A1) is not a formula',
      priceCents: 250,
      priceType: 'amount',
    });
    expect(again.preview[1]).toMatchObject({
      description: 'Line one\nline two, with a comma',
      availableUntil: '2030-02-01',
    });
    const id = (
      await db.prepare('SELECT id FROM listings WHERE title LIKE ?1').bind('=SUM%').first<{ id: number }>()
    )?.id;
    await expectJson(await call(`/listings/${id}`), 200, ZListing);
  });
});
