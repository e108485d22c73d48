import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  try {
    return { listing: await app.api(fetch).listings.get(params.id) };
  } catch (e) {
    pageError(e);
  }
};
