/** The dashboard's and the funders' report's data: the same reports, so the same figures. */
import type { impactApi } from '$lib/api/impact';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_DAY = 86_400_000;

export type Period = { from?: string; to?: string };

/** The period a page's address asks for (days only; anything else is all time). */
export function periodOf(url: URL): Period {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  return { from: DAY.test(from) ? from : undefined, to: DAY.test(to) ? to : undefined };
}

/** The period of the same length just before a chosen one (none for "all time"). */
export function previousPeriod(p: Period): { from: string; to: string } | null {
  if (!p.from || !p.to || p.from > p.to) return null;
  const from = Date.parse(`${p.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${p.to}T00:00:00Z`) - from) / MS_DAY) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - days * MS_DAY), to: iso(from - MS_DAY) };
}

/** A network's reports for a period: per month, per hub, per category, and the period before. */
export async function loadReports(api: ReturnType<typeof impactApi>, slug: string, period: Period) {
  const before = previousPeriod(period);
  const [months, hubs, categories, previous] = await Promise.all([
    api.impact(slug, { ...period, group_by: 'month' }),
    api.impact(slug, { ...period, group_by: 'hub' }),
    api.impact(slug, { ...period, group_by: 'category' }),
    before ? api.impact(slug, before) : Promise.resolve(null),
  ]);
  return { months, hubs, categories, previous };
}
