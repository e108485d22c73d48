import { exchangesApi } from '$lib/api/exchanges';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    return { exchange: await exchangesApi(app, fetch).get(params.id) };
  } catch (e) {
    pageError(e);
  }
};
