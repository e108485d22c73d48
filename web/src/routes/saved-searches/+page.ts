import { savedSearchesApi } from '$lib/api/saved-searches';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    const get = (key: string) => url.searchParams.get(key)?.trim() || '';
    // A search to save, from the listings page's "Save this search" (`savedSearchStart`).
    const start = {
      q: get('q'),
      category: get('category'),
      minLength: get('min_length'),
      minWidth: get('min_width'),
      minThickness: get('min_thickness'),
      hub: get('hub'),
      radius: get('radius_km'),
      dropped: get('dropped') === '1',
    };
    return { searches: (await savedSearchesApi(app, fetch).savedSearches()).items, start };
  } catch (e) {
    pageError(e);
  }
};
