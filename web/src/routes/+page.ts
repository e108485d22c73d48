import { ApiError } from '$lib/api';
import { tasksApi } from '$lib/api/tasks';
import type { THubSummary } from '$shared/hubs.schemas';
import { firstColumns } from '$lib/components/hub-map/view';
import { notMyHubs } from '$lib/search';
import type { PageLoad } from './$types';

/** Open requests shown on the home page (a `_` name: SvelteKit allows only those besides its own). */
export const _HOME_REQUESTS = 4;

export const load: PageLoad = async ({ fetch, parent }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  // Requests near the signed-in person's hub that another hub asks (what their hubs could fill);
  // a visitor's own location is asked for on the page.
  const hub: THubSummary | null = app.me?.memberships[0]?.hub ?? null;
  const nearHub = hub
    ? { near: `${hub.lat},${hub.lon}`, not_hub: notMyHubs(app.me!.memberships.map((m) => m.hub)) }
    : null;
  // The home page stays usable if one of its lists cannot be fetched.
  const [hubs, listings, requests, tasks] = await Promise.allSettled([
    // Every hub on the map, a view at a time: the first view is the box round them all.
    api.hubs.map({ columns: firstColumns() }),
    api.listings.search({ limit: 6 }),
    api.requests.search(
      nearHub ? { ...nearHub, sort: 'nearest', limit: _HOME_REQUESTS } : { limit: _HOME_REQUESTS },
    ),
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
    hubMap: hubs.status === 'fulfilled' ? hubs.value : null,
    hubsError: message(hubs),
    listings: listings.status === 'fulfilled' ? listings.value.items : [],
    listingsError: message(listings),
    requests: requests.status === 'fulfilled' ? requests.value.items : [],
    requestsError: message(requests),
    /** The hub the requests are near, or null (the whole network, newest first). */
    nearHub: hub,
    /** All of them, as the requests page lists them (nearest first, my hubs' own left out). */
    requestsHref: nearHub ? `/requests?${new URLSearchParams(nearHub)}` : '/requests',
    tasks: tasks.status === 'fulfilled' ? tasks.value : null,
    tasksError: app.me ? message(tasks) : null,
  };
};
