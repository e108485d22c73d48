import { error } from '@sveltejs/kit';
import { errorMessage } from '$shared/errors';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  let hub;
  try {
    hub = await app.api(fetch).hubs.get(params.slug);
  } catch (e) {
    pageError(e);
  }
  if (hub.myRole !== 'manager')
    error(403, { message: errorMessage('FORBIDDEN', app.locale), code: 'FORBIDDEN' });
  return { hub };
};
