import { pageError } from '$lib/load';
import { readSearch, refusedSearch } from '$lib/search';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  const { query, view, radiusIgnored } = readSearch(url, { listings: true });
  try {
    // The hub filter is a convenience: offline (or if it fails) the results still show without it.
    const [page, hubs] = await Promise.all([
      api.listings.search(query),
      api.hubs.list().catch(() => ({ items: [] })),
    ]);
    return { page, hubs: hubs.items, query, view, radiusIgnored, refused: [] as string[] };
  } catch (e) {
    const refused = refusedSearch(e);
    if (!refused) pageError(e);
    const page: Awaited<ReturnType<typeof api.listings.search>> = { items: [], nextCursor: null };
    const hubs = await api.hubs.list().catch(() => ({ items: [] }));
    return { page, hubs: hubs.items, query, view, radiusIgnored, refused };
  }
};
