import { tasksApi } from '$lib/api/tasks';
import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  try {
    return { tasks: await tasksApi(app, fetch).mine() };
  } catch (e) {
    pageError(e);
  }
};
