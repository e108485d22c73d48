import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  try {
    // The map shows every hub (their summaries); the cards, with counts, come a page at a time.
    const [summaries, page] = await Promise.all([api.hubs.summaries(), api.hubs.list()]);
    return { summaries: summaries.items, page };
  } catch (e) {
    pageError(e);
  }
};
