import { pageError } from '$lib/load';
import { impactApi } from '$lib/api/impact';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const query = Object.fromEntries(url.searchParams.entries());
  try {
    return { slug: params.slug, list: await impactApi(app, fetch).flows(params.slug, query) };
  } catch (e) {
    pageError(e);
  }
};
