import { pageError, requireUser } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  requireUser(app, url);
  const api = app.api(fetch);
  try {
    const machine = await api.machines.get(params.id);
    const { items } = await api.trainings.list(machine.hub.slug);
    return { machine, trainings: items };
  } catch (e) {
    pageError(e);
  }
};
