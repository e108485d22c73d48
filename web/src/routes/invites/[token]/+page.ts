import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  try {
    return { preview: await app.api(fetch).invites.preview(params.token), token: params.token };
  } catch (e) {
    pageError(e);
  }
};
