import { pageError } from '$lib/load';
import { networksApi } from '$lib/api/networks';
import type { PageLoad } from './$types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const api = networksApi(app, fetch);
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const period = { from: DAY.test(from) ? from : undefined, to: DAY.test(to) ? to : undefined };
  try {
    const network = await api.get(params.slug);
    if (!network.isCoordinator) return { network, period, dashboard: null, otherHubs: [] };
    const [months, hubs, categories, all] = await Promise.all([
      api.impact(params.slug, { ...period, group_by: 'month' }),
      api.impact(params.slug, { ...period, group_by: 'hub' }),
      api.impact(params.slug, { ...period, group_by: 'category' }),
      app.api(fetch).hubs.list(),
    ]);
    const otherHubs = all.items.filter((h) => !network.hubs.some((n) => n.slug === h.slug));
    return { network, period, dashboard: { months, hubs, categories }, otherHubs };
  } catch (e) {
    pageError(e);
  }
};
