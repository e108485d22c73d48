import { pageError } from '$lib/load';
import type { PageLoad } from './$types';

const WEEK = 7 * 24 * 3600 * 1000;

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  const week = Math.max(0, Math.min(52, Number(url.searchParams.get('week')) || 0));
  const from = new Date(Date.now() + week * WEEK).toISOString();
  const to = new Date(Date.now() + (week + 1) * WEEK).toISOString();
  try {
    const machine = await api.machines.get(params.id);
    const [availability, bookings] = await Promise.all([
      api.machines.availability(machine.id, from, to),
      machine.canManage ? api.machines.bookings(machine.id, from, to) : Promise.resolve({ items: [] }),
    ]);
    return { machine, availability, bookings: bookings.items, week };
  } catch (e) {
    pageError(e);
  }
};
