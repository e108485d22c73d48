import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    return { passport: await app.api(fetch).trainings.passport() };
  } catch (e) {
    pageError(e);
  }
};
