import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  try {
    return { hubs: (await app.api(fetch).hubs.list()).items };
  } catch (e) {
    pageError(e);
  }
};
