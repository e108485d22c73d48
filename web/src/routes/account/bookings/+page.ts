import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  const api = app.api(fetch);
  try {
    const [upcoming, past] = await Promise.all([api.bookings.mine('upcoming'), api.bookings.mine('past')]);
    return { upcoming: upcoming.items, past: past.items };
  } catch (e) {
    pageError(e);
  }
};
