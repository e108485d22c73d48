import { exchangesApi } from '$lib/api/exchanges';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  const role = url.searchParams.get('role') ?? '';
  const state = url.searchParams.get('state') ?? '';
  try {
    const page = await exchangesApi(app, fetch).list({ role: role || undefined, state: state || undefined });
    return { page, role, state };
  } catch (e) {
    pageError(e);
  }
};
