import { requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  return { hub: url.searchParams.get('hub') ?? '' };
};
