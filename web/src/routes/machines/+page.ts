import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  const type = url.searchParams.get('type') ?? '';
  try {
    const { items } = await app.api(fetch).machines.list(type ? { type } : {});
    return { machines: items, type };
  } catch (e) {
    pageError(e);
  }
};
