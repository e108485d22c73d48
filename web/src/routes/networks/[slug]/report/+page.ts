import { impactApi } from '$lib/api/impact';
import { networksApi } from '$lib/api/networks';
import { loadReports, periodOf } from '$lib/components/impact-dashboard/load';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

/** The funders' report: the dashboard's reports for a period, laid out to print. */
export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  const figures = impactApi(app, fetch);
  const period = periodOf(url);
  try {
    // The reports are for coordinators only: anyone else gets the API's 404.
    const [network, reports, factors] = await Promise.all([
      networksApi(app, fetch).get(params.slug),
      loadReports(figures, params.slug, period),
      figures.factors(),
    ]);
    return { network, period, reports, factors };
  } catch (e) {
    pageError(e);
  }
};
