import { pageError } from '$lib/load';
import { networksApi } from '$lib/api/networks';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const query = Object.fromEntries(url.searchParams.entries());
  try {
    return { slug: params.slug, list: await networksApi(app, fetch).flows(params.slug, query) };
  } catch (e) {
    pageError(e);
  }
};
