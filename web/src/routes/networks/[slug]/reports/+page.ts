import { pageError } from '$lib/load';
import { moderationApi } from '$lib/api/moderation';
import type { PageLoad } from './$types';

const STATUSES = ['open', 'resolved', 'all'] as const;
type Status = (typeof STATUSES)[number];

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const asked = url.searchParams.get('status') ?? 'open';
  const status: Status = (STATUSES as readonly string[]).includes(asked) ? (asked as Status) : 'open';
  try {
    const list = await moderationApi(app, fetch).reports(params.slug, status);
    return { slug: params.slug, status, reports: list.items };
  } catch (e) {
    pageError(e);
  }
};
