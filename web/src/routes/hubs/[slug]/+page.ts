import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  try {
    const [hub, listings, requests] = await Promise.all([
      api.hubs.get(params.slug),
      api.listings.search({ hub: params.slug, limit: 12 }),
      api.requests.search({ hub: params.slug, limit: 12 }),
    ]);
    const [members, joinRequests] = await Promise.all([
      hub.myRole === 'manager' ? api.hubs.members(params.slug).then((r) => r.items) : [],
      // Managers decide pending requests; a signed-in non-member sees their own.
      app.me && hub.myRole !== 'member' ? api.hubs.joinRequests(params.slug) : null,
    ]);
    return { hub, listings, requests, members, joinRequests };
  } catch (e) {
    pageError(e);
  }
};
