import { pageError } from '$lib/load';
import { networksApi } from '$lib/api/networks';
import type { PageLoad } from './$types';

/** Public: how a figure is counted, and every factor with its source. */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  try {
    return { factors: await networksApi(app, fetch).factors() };
  } catch (e) {
    pageError(e);
  }
};
