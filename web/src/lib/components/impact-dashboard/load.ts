/** The dashboard's and the funders' report's data: the same reports, so the same figures. */
import type { impactApi } from '$lib/api/impact';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type Period = { from?: string; to?: string };

/** The period a page's address asks for (days only; anything else is all time). */
export function periodOf(url: URL): Period {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  return { from: DAY.test(from) ? from : undefined, to: DAY.test(to) ? to : undefined };
}

/**
 * A network's reports for a period — per month, per hub, per category, and the period before —
 * from one answer of the API (one read of the kept totals), as the reports the pages show.
 */
export async function loadReports(api: ReturnType<typeof impactApi>, slug: string, period: Period) {
  const { report, tables, previous } = await api.dashboard(slug, period);
  return {
    months: { ...report, groupBy: 'month' as const, groups: tables.month },
    hubs: { ...report, groupBy: 'hub' as const, groups: tables.hub },
    categories: { ...report, groupBy: 'category' as const, groups: tables.category },
    previous,
  };
}
