import { searchPage } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  return searchPage(url, { listings: true, search: api.listings.search, hubs: api.hubs.summaries });
};
