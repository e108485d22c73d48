import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  try {
    const [hub, machines, trainings, hubs] = await Promise.all([
      api.hubs.get(params.slug),
      api.machines.ofHub(params.slug),
      api.trainings.list(params.slug),
      api.hubs.summaries(),
    ]);
    // Managers answer the training requests of their hub here.
    const requests = hub.myRole === 'manager' ? (await api.trainings.requests(params.slug)).items : [];
    return { hub, machines: machines.items, trainings: trainings.items, hubs: hubs.items, requests };
  } catch (e) {
    pageError(e);
  }
};
