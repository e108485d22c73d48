import { redirect } from '@sveltejs/kit';
import { pageError } from '$lib/load';
import { networksApi } from '$lib/api/networks';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  let network;
  try {
    network = await networksApi(app, fetch).get(params.slug);
  } catch (e) {
    pageError(e);
  }
  // Only coordinators change a network; anyone else sees its public page.
  if (!network.isCoordinator) redirect(307, `/networks/${params.slug}`);
  // A hub to add is found by typing its name or city (HubPicker), not from a list of every hub.
  return { network };
};
