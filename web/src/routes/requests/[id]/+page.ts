import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  try {
    return { request: await app.api(fetch).requests.get(params.id) };
  } catch (e) {
    pageError(e);
  }
};
