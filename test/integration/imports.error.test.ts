import { describe, expect, it } from 'vitest';
import { count, db, expectError, makerWithHub } from '../helpers';
import { CSV_HEADER, csvLine, csvOf, importCsv } from '../inventory-helpers';

describe('import errors', () => {
  it('a chunk that fails midway leaves no listing and no staged row behind', async () => {
    const m = await makerWithHub();
    // Make the database refuse one row of the 5th chunk while staging.
    await db
      .prepare(
        `CREATE TRIGGER test_fail_chunk BEFORE INSERT ON listing_import_rows WHEN NEW.title = 'Birch offcut batch 1100'
         BEGIN SELECT RAISE(ABORT, 'chunk refused'); END`,
      )
      .run();
    const csv = csvOf(Array.from({ length: 1500 }, (_, i) => csvLine(i + 1)));
    const body = await expectError(
      await importCsv(m.session, m.hub.slug, { csv, dryRun: false }),
      503,
      'IMPORT_FAILED',
    );
    const importId = body.error.details?.importId as number;
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM listing_import_rows')).toBe(0);
    const row = await db
      .prepare('SELECT status, rows_done FROM listing_imports WHERE id = ?1')
      .bind(importId)
      .first();
    expect(row).toMatchObject({ status: 'failed', rows_done: 0 });
    await db.prepare('DROP TRIGGER test_fail_chunk').run();
  });

  it('a failure in the final step creates nothing either (one statement)', async () => {
    const m = await makerWithHub();
    await db
      .prepare(
        `CREATE TRIGGER test_fail_final BEFORE INSERT ON listings WHEN NEW.title = 'Birch offcut batch 900'
         BEGIN SELECT RAISE(ABORT, 'final refused'); END`,
      )
      .run();
    const csv = csvOf(Array.from({ length: 1000 }, (_, i) => csvLine(i + 1)));
    await expectError(await importCsv(m.session, m.hub.slug, { csv, dryRun: false }), 503, 'IMPORT_FAILED');
    expect(
      await count(
        'SELECT count(*) AS n FROM listings WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
        m.hub.slug,
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM listing_import_rows')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM matching_queue')).toBe(0);
    await db.prepare('DROP TRIGGER test_fail_final').run();
  });

  it('refuses bad bodies, empty files, too many rows and unknown columns', async () => {
    const m = await makerWithHub();
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: '', dryRun: 'yes', extra: 1 }),
      422,
      'VALIDATION_FAILED',
      ['csv', 'dryRun', 'extra'],
    );
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: 'a,b', mapping: { colour: 'a' }, dryRun: true }),
      422,
      'VALIDATION_FAILED',
      ['mapping', 'mapping.colour'],
    );
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: CSV_HEADER, dryRun: true }),
      422,
      'IMPORT_NO_ROWS',
      ['csv'],
    );
    const tooMany = csvOf(Array.from({ length: 5001 }, () => 'x'));
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: tooMany, dryRun: true }),
      422,
      'IMPORT_TOO_MANY_ROWS',
      ['csv'],
    );
    await expectError(
      await importCsv(m.session, m.hub.slug, {
        csv: csvOf([csvLine(1)]),
        mapping: { title: 'Naam' },
        dryRun: true,
      }),
      422,
      'IMPORT_UNKNOWN_COLUMN',
      ['mapping.title'],
    );
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: 'foo,bar\n1,2\n', dryRun: true }),
      422,
      'VALIDATION_FAILED',
      ['mapping'],
    );
    // A commit with no valid row creates nothing.
    await expectError(
      await importCsv(m.session, m.hub.slug, { csv: csvOf([csvLine(1, { kind: 'gift' })]), dryRun: false }),
      422,
      'IMPORT_NO_ROWS',
    );
    await expectError(
      await importCsv(m.session, 'no-such-hub', { csv: csvOf([csvLine(1)]), dryRun: true }),
      404,
      'HUB_NOT_FOUND',
    );
    expect(
      await count(
        'SELECT count(*) AS n FROM listing_imports WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
        m.hub.slug,
      ),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM listings')).toBe(0);
  });

  it('refuses a body over 2 MB before reading it', async () => {
    const m = await makerWithHub();
    const csv = 'x'.repeat(2_000_001);
    const res = await importCsv(m.session, m.hub.slug, { csv, dryRun: true });
    expect([413, 422]).toContain(res.status);
    expect(
      await count(
        'SELECT count(*) AS n FROM listing_imports WHERE hub_id = (SELECT id FROM hubs WHERE slug = ?1)',
        m.hub.slug,
      ),
    ).toBe(0);
  });
});
