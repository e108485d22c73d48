import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    const { items } = await app.api(fetch).trainings.list(params.slug);
    return { slug: params.slug, trainings: items };
  } catch (e) {
    pageError(e);
  }
};
