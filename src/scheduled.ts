import type { Deps } from './env';
import { eventsJob } from './events';
import { impactJob } from './modules/impact/impact.job';
import { matchingJob } from './modules/matching/matching.job';
import { notificationsJob } from './modules/notifications/notifications.job';
import { exchangeTimersJob } from './modules/exchanges/exchanges.jobs';
import { searchFoldJob } from './modules/search/search.job';
import { streamsJob } from './modules/streams/streams.job';

/** Where `npm start`'s ticker runs the scheduled jobs locally (only with LOCAL_SCHEDULED=1, src/index.ts). */
export const LOCAL_SCHEDULED_PATH = '/api/__scheduled';

/** A job the cron trigger runs; each module that needs periodic work adds one here. */
export type ScheduledJob = { name: string; run: (deps: Deps & { env: Env }) => Promise<unknown> };

// Each module's periodic work (claim expiry, match rebuilds, …), run in this order.
export const SCHEDULED_JOBS: ScheduledJob[] = [
  // Expiries and final handovers first, so impact and matching see the settled state.
  exchangeTimersJob,
  impactJob,
  // Due stream occurrences become listings before the matching pass.
  streamsJob,
  // What these produced (expiries, handovers made final) reaches matching and people.
  eventsJob,
  matchingJob,
  notificationsJob,
  // Upkeep last: the full-text indexes folded into one segment each, nightly.
  searchFoldJob,
];

/**
 * Runs every job (or only those named in `only`: the local path's `?job=`, for the bench's
 * nightly fold); one failing job does not stop the others, and the failures are reported.
 */
export async function runScheduledJobs(env: Env, now: () => Date = () => new Date(), only?: string[]) {
  const results: { name: string; ok: boolean; result?: unknown; error?: string }[] = [];
  for (const job of SCHEDULED_JOBS) {
    if (only && !only.includes(job.name)) continue;
    try {
      results.push({ name: job.name, ok: true, result: await job.run({ db: env.DB, now, env }) });
    } catch (err) {
      results.push({ name: job.name, ok: false, error: String(err) });
    }
  }
  console.log(JSON.stringify({ scheduled: results }));
  return results;
}
