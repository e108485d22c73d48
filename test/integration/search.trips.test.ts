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

  it('sends its own statements in a batch of the real database', async () => {
    const db = oneTrip(recordingDb().db);
    const [a, b] = await db.batch<{ a: number }>([
      db.prepare('SELECT 1 AS a'),
      db.prepare('SELECT ?1 AS a').bind(2),
    ]);
    expect([a!.results, b!.results]).toEqual([[{ a: 1 }], [{ a: 2 }]]);
  });
});
