import { error } from '@sveltejs/kit';
import { errorMessage } from '$shared/errors';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  let request;
  try {
    request = await app.api(fetch).requests.get(params.id);
  } catch (e) {
    pageError(e);
  }
  if (!request.canEdit) error(403, { message: errorMessage('FORBIDDEN', app.locale), code: 'FORBIDDEN' });
  return { request };
};
