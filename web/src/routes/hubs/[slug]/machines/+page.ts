import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  try {
    // The other hub whose training is accepted here is found by typing (HubPicker).
    const [hub, machines, trainings] = await Promise.all([
      api.hubs.get(params.slug),
      api.machines.ofHub(params.slug),
      api.trainings.list(params.slug),
    ]);
    // Managers answer the training requests of their hub here.
    const requests = hub.myRole === 'manager' ? (await api.trainings.requests(params.slug)).items : [];
    return { hub, machines: machines.items, trainings: trainings.items, requests };
  } catch (e) {
    pageError(e);
  }
};
