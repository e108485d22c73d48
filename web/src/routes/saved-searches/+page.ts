import { savedSearchesApi } from '$lib/api/saved-searches';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    return { searches: (await savedSearchesApi(app, fetch).savedSearches()).items };
  } catch (e) {
    pageError(e);
  }
};
