/**
 * How a client reads on from a page of a search (the web app's `Paginated`): a page that holds
 * nothing and says no distance — best match near a point that spent its statements where one band
 * ends (`searchedKm` absent) — is followed at once, a few pages at most, so no one is asked to
 * press "more" for an empty page. A page with rows, or one saying how far it looked, ends it.
 */

/** A page of a search by cursor: `searchedKm` when one near a point stopped early, having looked this far. */
export type CursorPage<T> = { items: T[]; nextCursor: string | null; searchedKm?: number };

/** Empty pages without a distance that `pagesFrom` follows at once. */
export const EMPTY_PAGES_FOLLOWED = 4;

/** The pages from `cursor` on, as one: their rows, and the last one's cursor and distance. */
export async function pagesFrom<T>(
  cursor: string,
  fetchPage: (cursor: string) => Promise<CursorPage<T>>,
): Promise<{ items: T[]; nextCursor: string | null; searchedKm: number | null }> {
  const items: T[] = [];
  let next: string | null = cursor;
  let searchedKm: number | null = null;
  for (let followed = 0; next && followed < EMPTY_PAGES_FOLLOWED; followed++) {
    const page = await fetchPage(next);
    items.push(...page.items);
    next = page.nextCursor;
    searchedKm = page.searchedKm ?? null;
    if (page.items.length > 0 || page.searchedKm !== undefined) break;
  }
  return { items, nextCursor: next, searchedKm };
}
