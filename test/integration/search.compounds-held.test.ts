/**
 * Two names typed apart are also searched as their Dutch compounds ("copper wire" finds
 * "Koperdraad"). Near a point, the look-up of the words says in the same statement which
 * compounds any row holds, and the page leaves out those none holds: the same rows, with fewer
 * terms for the full-text index to seek in every hub it reads.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/env';
import { searchListings } from '../../src/modules/listings/listings.service';
import { searchRequests } from '../../src/modules/requests/requests.service';
import { ZListingSearch, ZRequestSearch } from '../../src/shared/search.schemas';
import { db } from '../helpers';
import { newArea, newListing, newRequest, recordingDb } from '../matching-helpers';
import { nearHub } from '../search-helpers';

const deps = (d: D1Database) => ({ db: d, now: () => new Date() }) as Deps;

/** The full-text queries bound to the page's statements (those reading the hub-ordered index). */
function pageMatches(log: { sql: string; binds: unknown[] }[], table: string): string {
  return log
    .filter((s) => s.sql.includes(`${table}_hub_fts MATCH`))
    .flatMap((s) => s.binds.filter((b): b is string => typeof b === 'string'))
    .join('\n');
}

async function ghentHub() {
  const ghent = (await newArea()('ghent'))!;
  return { ghent, near: await nearHub(ghent.hub.slug) };
}

describe('compounds no row holds are left out of a search near a point', () => {
  it('finds the same listings, and reads the compounds only once a listing holds one', async () => {
    const { ghent, near } = await ghentHub();
    const apart = await newListing(ghent.session, ghent.hub.slug, {
      title: 'Copper wire offcuts',
      category: 'other',
    });
    const search = async (q: string) => {
      const rec = recordingDb();
      const page = await searchListings(deps(rec.db), {
        query: ZListingSearch.parse({ q, near }),
        user: null,
      });
      return {
        ids: page.items.map((i) => i.id).sort((a, b) => a - b),
        matches: pageMatches(rec.log, 'listings'),
        statements: rec.log.reduce((n, s) => n + s.n, 0),
        trips: rec.trips,
        page,
      };
    };
    const before = await search('copper wire');
    expect(before.ids).toEqual([apart.id]);
    expect(before.page.wordsLeftOut).toBeUndefined();
    // The page's query holds the words and their other names, not the compounds.
    expect(before.matches).toContain('"copper"');
    expect(before.matches).toContain('"draad"');
    expect(before.matches).not.toContain('koperdraad');
    expect(before.statements).toBeLessThanOrEqual(5);

    // A listing whose title writes the two as one word: the compounds are read again, and found.
    const joined = await newListing(ghent.session, ghent.hub.slug, {
      title: 'Koperdraad restanten',
      category: 'other',
    });
    const after = await search('copper wire');
    expect(after.ids).toEqual([apart.id, joined.id].sort((a, b) => a - b));
    expect(after.matches).toContain('"koperdraad"*');
    // The same calls to D1 either way: the compounds are asked in the look-up's own statement.
    expect([after.statements, after.trips]).toEqual([before.statements, before.trips]);
    // Either way round, in French too.
    expect((await search('fil de cuivre')).ids).toEqual(after.ids);
    // A word no listing holds is still left out on its own, compounds or not.
    const left = await search('copper wire zqxwv');
    expect(left.ids).toEqual(after.ids);
    expect(left.page.wordsLeftOut).toEqual(['zqxwv']);
  });

  it('leaves out what no request holds in a search of requests, and finds the same requests', async () => {
    const { ghent, near } = await ghentHub();
    const wanted = await newRequest(ghent.session, ghent.hub.slug, {
      title: 'Copper wire for a coil',
      category: 'other',
    });
    const rec = recordingDb();
    const page = await searchRequests(deps(rec.db), {
      query: ZRequestSearch.parse({ q: 'copper wire', near }),
      user: null,
    });
    expect(page.items.map((i) => i.id)).toEqual([wanted.id]);
    const matches = pageMatches(rec.log, 'requests');
    expect(matches).toContain('"copper"');
    expect(matches).not.toContain('koperdraad');
    // Without a place, the same request.
    const everywhere = await searchRequests(deps(db), {
      query: ZRequestSearch.parse({ q: 'copper wire' }),
      user: null,
    });
    expect(everywhere.items.map((i) => i.id)).toEqual([wanted.id]);
  });
});
