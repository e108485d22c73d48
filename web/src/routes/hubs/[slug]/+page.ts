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
    const members = hub.myRole === 'manager' ? (await api.hubs.members(params.slug)).items : [];
    return { hub, listings, requests, members };
  } catch (e) {
    pageError(e);
  }
};
