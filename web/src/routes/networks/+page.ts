import { pageError } from '$lib/load';
import { networksApi } from '$lib/api/networks';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  try {
    return { networks: (await networksApi(app, fetch).list()).items };
  } catch (e) {
    pageError(e);
  }
};
