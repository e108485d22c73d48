/**
 * The nightly fold of the full-text indexes (the scheduled job `search.fold`, migration 0053):
 * every write adds a segment to each index, and a search by words and a place pays a seek per
 * segment for every hub it reads. The fold merges each index into one segment in bounded merge
 * steps, at night, going on across runs; searches find exactly what they found before.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runScheduledJobs } from '../../src/scheduled';
import {
  FULL_TEXT_INDEXES,
  foldRows,
  segmentsOf,
  type FullTextIndex,
} from '../../src/modules/search/search.repo';
import { foldSearchIndexes, type FoldReport } from '../../src/modules/search/search.service';
import { ZListingPage } from '../../src/shared/search.schemas';
import { call, db, expectJson, makerWithHub } from '../helpers';
import { addListings } from '../search-helpers';

const hubIdOf = async (slug: string) =>
  (await db.prepare('SELECT id FROM hubs WHERE slug = ?1').bind(slug).first<{ id: number }>())!.id;

const at = (iso: string) => ({ db, now: () => new Date(iso) });

/** An index's row of `search_index_folds`, as the job reads it. */
const foldRow = async (name: FullTextIndex) => (await foldRows(db)).find((r) => r.name === name)!;

/** Words each batch of listings is titled with: every batch is its own write, so its own segment. */
const WOODS = ['walnut', 'cherry', 'maple', 'beech', 'ash', 'alder', 'elm'];

async function writeBatches(hub: number, by: number, tag: string, each = 15) {
  for (const w of WOODS)
    await addListings(hub, by, each, {
      title: `${w} board ${tag}`,
      category: 'solid-wood',
      description: `${tag} offcuts of ${w}, planed, from a furniture workshop`,
    });
}

const ids = async (q: string) =>
  (await expectJson(await call(`/listings?${q}&limit=50`), 200, ZListingPage)).items.map((i) => i.id);

describe('the nightly fold of the full-text indexes', () => {
  it('merges each index into one segment, and every search finds what it found before', async () => {
    const m = await makerWithHub({ lat: 60.39, lon: 5.32 }); // Bergen
    const hub = await hubIdOf(m.hub.slug);
    await writeBatches(hub, m.me.user.id, 'fold-a');
    expect(await segmentsOf(db, 'listings_fts')).toBeGreaterThan(1);
    expect(await segmentsOf(db, 'listings_hub_fts')).toBeGreaterThan(1);
    const queries = [
      'q=walnut',
      'q=board&near=60.39,5.32',
      'q=hout&near=60.39,5.32&sort=nearest',
      'q=planed',
    ];
    const before = await Promise.all(queries.map(ids));
    expect(before[1]!.length).toBe(50);
    const segments = Object.fromEntries(
      await Promise.all(FULL_TEXT_INDEXES.map(async (i) => [i, await segmentsOf(db, i)] as const)),
    );

    // Never folded: due at once, whatever the hour; through the scheduler, the job alone.
    const results = await runScheduledJobs(env, () => new Date('2026-12-04T15:00:00Z'), ['search.fold']);
    expect(results.map((r) => [r.name, r.ok])).toEqual([['search.fold', true]]);
    const report = results[0]!.result as FoldReport[];
    expect(report.map((r) => r.index)).toEqual([...FULL_TEXT_INDEXES]);
    for (const r of report) {
      expect(r).toMatchObject({
        before: segments[r.index],
        segments: Math.min(1, segments[r.index]!),
        fold: 'done',
      });
      expect(r.steps > 0).toBe(segments[r.index]! > 1);
      expect(await segmentsOf(db, r.index)).toBe(Math.min(1, segments[r.index]!));
      expect(await foldRow(r.index)).toMatchObject({
        folded_at: '2026-12-04T15:00:00.000Z',
        folding_since: null,
        segments_before: segments[r.index],
        steps: r.steps,
      });
    }
    expect(await Promise.all(queries.map(ids))).toEqual(before);
  });

  it('folds again only in the fold hour a day later, and goes on across runs within its budget', async () => {
    const m = await makerWithHub({ lat: 63.43, lon: 10.39 }); // Trondheim
    const hub = await hubIdOf(m.hub.slug);
    await writeBatches(hub, m.me.user.id, 'fold-b');
    // Folded in the fold hour (whether or not the first test folded before: days have passed).
    await foldSearchIndexes(at('2026-12-10T02:00:00Z'));
    expect(await segmentsOf(db, 'listings_fts')).toBe(1);

    const budget = { pages: 1, steps: 1, tidyPages: 1 };
    // A day's writes: new segments, left alone outside the fold hour and within 20 hours.
    await writeBatches(hub, m.me.user.id, 'fold-c', 40);
    const grown = await segmentsOf(db, 'listings_fts');
    expect(grown).toBeGreaterThan(1);
    const noFold = { ...budget, tidyPages: 1 }; // tidying, as little as can be
    for (const when of ['2026-12-10T02:40:00Z', '2026-12-10T23:00:00Z'])
      // the same night; not the fold hour
      expect((await foldSearchIndexes(at(when), noFold)).map((r) => [r.fold, r.steps])).toEqual(
        FULL_TEXT_INDEXES.map(() => [null, 0]),
      );
    expect(await foldRow('listings_fts')).toMatchObject({
      folded_at: '2026-12-10T02:00:00.000Z',
      folding_since: null,
    });
    const grownNow = await segmentsOf(db, 'listings_fts'); // the tidying may have merged some
    expect(grownNow).toBeGreaterThan(1);
    const before = await ids('q=board&near=63.43,10.39&sort=nearest');

    // The next night, one merge step of one page a run: the fold begins, stops at the budget and
    // goes on at the next runs, in any hour, until each index is in one segment.
    const first = await foldSearchIndexes(at('2026-12-11T02:00:00Z'), budget);
    expect(first.reduce((s, r) => s + r.steps, 0)).toBe(1);
    expect(first.find((r) => r.index === 'listings_fts')).toMatchObject({
      before: grownNow,
      steps: 1,
      fold: 'going-on',
    });
    expect(await foldRow('listings_fts')).toMatchObject({
      folding_since: '2026-12-11T02:00:00.000Z',
      folded_at: '2026-12-10T02:00:00.000Z',
      segments_before: grownNow,
      steps: 1,
    });
    let runs = 1;
    let last: FoldReport[] = first;
    for (let hour = 3; last.some((r) => r.fold === 'going-on') && runs < 400; runs++) {
      last = await foldSearchIndexes(at(`2026-12-11T${String(hour % 24).padStart(2, '0')}:00:00Z`), budget);
      expect(last.reduce((s, r) => s + r.steps, 0)).toBeLessThanOrEqual(1);
      if (runs % 10 === 0) hour++;
    }
    expect(runs).toBeGreaterThan(2);
    expect(last.map((r) => r.fold)).not.toContain('going-on');
    for (const i of FULL_TEXT_INDEXES) expect(await segmentsOf(db, i)).toBeLessThanOrEqual(1);
    const row = await foldRow('listings_fts');
    expect(row.folding_since).toBeNull();
    expect(row.segments_before).toBe(grownNow);
    expect(row.steps).toBeGreaterThan(1);
    expect(row.folded_at! > '2026-12-11T02:00:00.000Z').toBe(true);
    expect(await ids('q=board&near=63.43,10.39&sort=nearest')).toEqual(before);
  }, 120_000);

  it('tidies the segments of the day between folds, without a fold', async () => {
    const m = await makerWithHub({ lat: 58.97, lon: 5.73 }); // Stavanger
    const hub = await hubIdOf(m.hub.slug);
    await writeBatches(hub, m.me.user.id, 'fold-d');
    await foldSearchIndexes(at('2026-12-20T02:00:00Z'));
    const folded = await foldRow('listings_hub_fts');
    // Single writes, as people make them: each its own segment.
    for (let i = 0; i < 12; i++)
      await addListings(hub, m.me.user.id, 1, { title: `larch ${i}`, category: 'solid-wood' });
    const grown = await segmentsOf(db, 'listings_hub_fts');
    expect(grown).toBeGreaterThan(2);
    const before = await ids('q=larch&near=58.97,5.73');
    expect(before).toHaveLength(12);

    const report = await foldSearchIndexes(at('2026-12-20T12:00:00Z'));
    const hubIndex = report.find((r) => r.index === 'listings_hub_fts')!;
    expect(hubIndex).toMatchObject({ before: grown, fold: null, steps: 0, tidied: true });
    expect(hubIndex.segments).toBeLessThan(grown);
    expect(await segmentsOf(db, 'listings_hub_fts')).toBe(hubIndex.segments);
    expect(await foldRow('listings_hub_fts')).toEqual(folded); // not a fold
    expect(await ids('q=larch&near=58.97,5.73')).toEqual(before);
  });
});
