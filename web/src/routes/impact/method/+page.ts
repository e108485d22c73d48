import { pageError } from '$lib/load';
import { impactApi } from '$lib/api/impact';
import type { PageLoad } from './$types';

/** Public: how a figure is counted, and every factor with its source. */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  try {
    return { factors: await impactApi(app, fetch).factors() };
  } catch (e) {
    pageError(e);
  }
};
