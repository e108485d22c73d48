import { describe, expect, it } from 'vitest';
import { EMPTY_PAGES_FOLLOWED, pagesFrom, type CursorPage } from '../../src/shared/paging';

/** Pages by cursor ("c0", "c1", …) from a list, recording the cursors asked for. */
function pagesOf(list: CursorPage<number>[]) {
  const asked: string[] = [];
  const fetchPage = async (cursor: string) => {
    asked.push(cursor);
    const page = list[Number(cursor.slice(1))];
    if (!page) throw new Error(`no page ${cursor}`);
    return page;
  };
  return { asked, fetchPage };
}

describe('reading on from a page of a search', () => {
  it('follows empty pages that say no distance, up to the first page with rows', async () => {
    const { asked, fetchPage } = pagesOf([
      { items: [], nextCursor: 'c1' },
      { items: [], nextCursor: 'c2' },
      { items: [7, 6], nextCursor: 'c3' },
      { items: [5], nextCursor: null },
    ]);
    expect(await pagesFrom('c0', fetchPage)).toEqual({ items: [7, 6], nextCursor: 'c3', searchedKm: null });
    expect(asked).toEqual(['c0', 'c1', 'c2']);
  });

  it('stops at an empty page saying how far it looked, and at the last page', async () => {
    const stopped = pagesOf([
      { items: [], nextCursor: 'c1', searchedKm: 40 },
      { items: [3], nextCursor: null },
    ]);
    expect(await pagesFrom('c0', stopped.fetchPage)).toEqual({ items: [], nextCursor: 'c1', searchedKm: 40 });
    expect(stopped.asked).toEqual(['c0']);

    const last = pagesOf([
      { items: [], nextCursor: 'c1' },
      { items: [], nextCursor: null },
    ]);
    expect(await pagesFrom('c0', last.fetchPage)).toEqual({ items: [], nextCursor: null, searchedKm: null });
    expect(last.asked).toEqual(['c0', 'c1']);
  });

  it('follows a few empty pages at most, leaving the cursor to go on from', async () => {
    const list = Array.from({ length: 10 }, (_, i) => ({ items: [] as number[], nextCursor: `c${i + 1}` }));
    const { asked, fetchPage } = pagesOf(list);
    const read = await pagesFrom('c0', fetchPage);
    expect(asked).toHaveLength(EMPTY_PAGES_FOLLOWED);
    expect(read).toEqual({ items: [], nextCursor: `c${EMPTY_PAGES_FOLLOWED}`, searchedKm: null });
  });
});
