import { searchPage } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  return searchPage(url, { listings: false, search: api.requests.search, hubs: api.hubs.summaries });
};
