import { describe, expect, it } from 'vitest';
import { oneTrip } from '../../src/modules/search/search.repo';
import { recordingDb } from '../matching-helpers';

describe('reads that do not wait on each other go to D1 in one call', () => {
  it('sends the statements asked for in one turn as one batch, each answered as if alone', async () => {
    const rec = recordingDb();
    const db = oneTrip(rec.db);
    const [first, all, column, none] = await Promise.all([
      db.prepare('SELECT ?1 AS a, ?2 AS b').bind(1, 'one').first<{ a: number; b: string }>(),
      db.prepare('SELECT value AS v FROM json_each(?1) ORDER BY v').bind('[3,1,2]').all<{ v: number }>(),
      db.prepare('SELECT ?1 AS a').bind('<b>x</b>').first<string>('a'),
      db.prepare('SELECT 1 AS a WHERE 0').first(),
    ]);
    expect(first).toEqual({ a: 1, b: 'one' });
    expect(all.results).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(column).toBe('<b>x</b>');
    expect(none).toBeNull();
    expect(rec.trips).toBe(1);
    expect(rec.log.reduce((n, s) => n + s.n, 0)).toBe(4);
  });

  it('sends a statement asked for alone, or after an await, in a call of its own', async () => {
    const rec = recordingDb();
    const db = oneTrip(rec.db);
    expect(await db.prepare('SELECT 7 AS a').first('a')).toBe(7);
    expect(await db.prepare('SELECT 8 AS a').first('a')).toBe(8);
    expect(rec.trips).toBe(2);
  });

  it('fails every asker of a batch one of whose statements fails, and the next call goes on', async () => {
    const rec = recordingDb();
    const db = oneTrip(rec.db);
    const [good, bad] = await Promise.allSettled([
      db.prepare('SELECT 1 AS a').first(),
      db.prepare('SELECT * FROM no_such_table').all(),
    ]);
    expect(good.status).toBe('rejected');
    expect(bad.status).toBe('rejected');
    expect(await db.prepare('SELECT 2 AS a').first('a')).toBe(2);
  });

  it('waits for a first batch of two statements asked turns apart, then batches as before', async () => {
    const rec = recordingDb();
    const db = oneTrip(rec.db, 2);
    const early = db.prepare('SELECT ?1 AS a').bind('look-up').first('a');
    // The page's statement is asked after several turns (its SQL is built after awaits).
    for (let i = 0; i < 10; i++) await Promise.resolve();
    const page = await db.prepare('SELECT value AS v FROM json_each(?1)').bind('[1,2]').all<{ v: number }>();
    expect(page.results).toEqual([{ v: 1 }, { v: 2 }]);
    expect(await early).toBe('look-up');
    expect(rec.trips).toBe(1);
    // Later statements: one call each when asked apart, one for those asked in the same turn.
    expect(await db.prepare('SELECT 3 AS a').first('a')).toBe(3);
    const [x, y] = await Promise.all([
      db.prepare('SELECT 4 AS a').first('a'),
      db.prepare('SELECT 5 AS a').first('a'),
    ]);
    expect([x, y]).toEqual([4, 5]);
    expect(rec.trips).toBe(3);
  });

  it('sends a first statement alone at the next task when no second one is asked', async () => {
    const rec = recordingDb();
    const db = oneTrip(rec.db, 2);
    expect(await db.prepare('SELECT 6 AS a').first('a')).toBe(6);
    expect(rec.trips).toBe(1);
    expect(rec.log.reduce((n, s) => n + s.n, 0)).toBe(1);
  });

  it('sends its own statements in a batch of the real database', async () => {
    const db = oneTrip(recordingDb().db);
    const [a, b] = await db.batch<{ a: number }>([
      db.prepare('SELECT 1 AS a'),
      db.prepare('SELECT ?1 AS a').bind(2),
    ]);
    expect([a!.results, b!.results]).toEqual([[{ a: 1 }], [{ a: 2 }]]);
  });
});
