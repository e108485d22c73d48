import { impactApi } from '$lib/api/impact';
import { networksApi } from '$lib/api/networks';
import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_DAY = 86_400_000;

/** The period of the same length just before a chosen one (none for "all time"). */
function previousPeriod(p: { from?: string; to?: string }): { from: string; to: string } | null {
  if (!p.from || !p.to || p.from > p.to) return null;
  const from = Date.parse(`${p.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - from) / MS_DAY) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - days * MS_DAY), to: iso(from - MS_DAY) };
}

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const api = networksApi(app, fetch);
  const figures = impactApi(app, fetch);
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const period = { from: DAY.test(from) ? from : undefined, to: DAY.test(to) ? to : undefined };
  try {
    const network = await api.get(params.slug);
    if (!network.isCoordinator) return { network, period, dashboard: null };
    const before = previousPeriod(period);
    const [months, hubs, categories, previous] = await Promise.all([
      figures.impact(params.slug, { ...period, group_by: 'month' }),
      figures.impact(params.slug, { ...period, group_by: 'hub' }),
      figures.impact(params.slug, { ...period, group_by: 'category' }),
      before ? figures.impact(params.slug, before) : Promise.resolve(null),
    ]);
    return { network, period, dashboard: { months, hubs, categories, previous } };
  } catch (e) {
    pageError(e);
  }
};
