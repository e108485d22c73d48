import { pageError } from '$lib/load';
import { firstColumns } from '$lib/components/hub-map/view';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  // Words typed to find a hub by its name or city (`?q=`): the cards are those hubs only.
  const q = url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
  try {
    // The map shows every hub a view at a time (the hubs found by words: those cards' hubs); the
    // cards, with counts, come a page at a time.
    const [hubMap, page] = await Promise.all([
      q ? null : api.hubs.map({ columns: firstColumns() }),
      api.hubs.list(q ? { q } : {}),
    ]);
    return { hubMap, page, q };
  } catch (e) {
    pageError(e);
  }
};
