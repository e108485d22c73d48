import { ApiError } from '$lib/api';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

/**
 * A new listing; `?request=<id>` makes it an offer for that request (its fields start from the
 * request's, `&hub=<slug>` the hub offering). A request no longer open, or none with that id, is
 * said on the page, and the form starts empty.
 */
export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  const id = url.searchParams.get('request');
  const hub = url.searchParams.get('hub');
  if (id === null) return { forRequest: null, requestGone: false, hub };
  if (!/^[1-9]\d{0,14}$/.test(id)) return { forRequest: null, requestGone: true, hub };
  try {
    const request = await app.api(fetch).requests.get(id);
    const open = request.status === 'open' && !request.hiddenAt;
    return { forRequest: open ? request : null, requestGone: !open, hub };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { forRequest: null, requestGone: true, hub };
    pageError(e);
  }
};
