import { pageError } from '$lib/load';
import { importsApi } from '$lib/api/imports';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  try {
    const [hub, imports] = await Promise.all([
      app.api(fetch).hubs.get(params.slug),
      importsApi(app, fetch).imports(params.slug),
    ]);
    return { hub, imports };
  } catch (e) {
    pageError(e);
  }
};
