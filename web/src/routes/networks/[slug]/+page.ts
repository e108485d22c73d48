import { impactApi } from '$lib/api/impact';
import { networksApi } from '$lib/api/networks';
import { loadReports, periodOf } from '$lib/components/impact-dashboard/load';
import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const api = networksApi(app, fetch);
  const period = periodOf(url);
  try {
    const network = await api.get(params.slug);
    if (!network.isCoordinator) return { network, period, dashboard: null };
    return { network, period, dashboard: await loadReports(impactApi(app, fetch), params.slug, period) };
  } catch (e) {
    pageError(e);
  }
};
