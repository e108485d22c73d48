import { ApiError } from '$lib/api';
import { pageError } from '$lib/load';
import type { TAvailability, TMachine } from '$shared/machines.schemas';
import type { PageLoad } from './$types';

const HOUR = 3600 * 1000;
const WEEK = 7 * 24 * HOUR;

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  const { app } = await parent();
  const api = app.api(fetch);
  const week = Math.max(0, Math.min(52, Number(url.searchParams.get('week')) || 0));
  try {
    const listing = await api.listings.get(params.id);
    let machine: TMachine | null = null;
    let availability: TAvailability | null = null;
    // Machine time books through the machine it names: its free slots from the listing's first day.
    if (listing.kind === 'machine_time' && listing.machineId !== null) {
      try {
        machine = await api.machines.get(listing.machineId);
        const opens = listing.availableFrom
          ? Date.parse(`${listing.availableFrom}T00:00:00Z`) - 14 * HOUR
          : 0;
        const from = Math.max(Date.now(), opens) + week * WEEK;
        availability = await api.machines.availability(
          machine.id,
          new Date(from).toISOString(),
          new Date(from + WEEK).toISOString(),
        );
      } catch (e) {
        // A machine switched off is not bookable, and offline its free slots cannot be known:
        // the page shows the listing and says booking is unavailable instead of failing.
        if (!(e instanceof ApiError) || (e.status !== 404 && e.status !== 0)) throw e;
        machine = null;
      }
    }
    return { listing, machine, availability, week };
  } catch (e) {
    pageError(e);
  }
};
