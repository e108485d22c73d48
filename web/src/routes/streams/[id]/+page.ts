import { streamsApi } from '$lib/api/streams';
import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  try {
    return { stream: await streamsApi(app, fetch).get(params.id) };
  } catch (e) {
    pageError(e);
  }
};
