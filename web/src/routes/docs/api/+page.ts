import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  try {
    return { doc: await app.api(fetch).openapi() };
  } catch (e) {
    pageError(e);
  }
};
