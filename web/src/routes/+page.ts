import { ApiError } from '$lib/api';
import { tasksApi } from '$lib/api/tasks';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  // The home page stays usable if one of its two lists cannot be fetched.
  const [hubs, listings, tasks] = await Promise.allSettled([
    api.hubs.list(),
    api.listings.search({ limit: 6 }),
    // A signed-in person's home starts with what waits for them.
    app.me ? tasksApi(app, fetch).mine() : Promise.resolve(null),
  ]);
  const message = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected'
      ? r.reason instanceof ApiError
        ? r.reason.message
        : app.m.common.unknownError
      : null;
  return {
    hubs: hubs.status === 'fulfilled' ? hubs.value.items : [],
    hubsError: message(hubs),
    listings: listings.status === 'fulfilled' ? listings.value.items : [],
    listingsError: message(listings),
    tasks: tasks.status === 'fulfilled' ? tasks.value : null,
    tasksError: app.me ? message(tasks) : null,
  };
};
