import { createApp } from './app';
import { benchFloor } from './http/middleware/bench-metrics';
import { mailEnv } from './modules/notifications/notifications.sender';
import { consumeEvents } from './queue';
import { LOCAL_SCHEDULED_PATH, runScheduledJobs } from './scheduled';

const app = createApp();

// Only the default export: the runtime takes every named export of this file for an entrypoint.
export default {
  async fetch(request, env, ctx) {
    // Locally the cron trigger never fires: `npm start` sets LOCAL_SCHEDULED=1 and calls this every
    // minute, so expiries, digests and stream publishing happen as in production. Absent elsewhere.
    const local = (env as { LOCAL_SCHEDULED?: string }).LOCAL_SCHEDULED === '1';
    const url = new URL(request.url);
    if (local && request.method === 'POST' && url.pathname === LOCAL_SCHEDULED_PATH) {
      // `?job=NAME` (repeatable) runs only those jobs: the bench folds the search indexes this way.
      const only = url.searchParams.getAll('job');
      const results = await runScheduledJobs(env, () => new Date(), only.length > 0 ? only : undefined);
      return Response.json({ scheduled: results });
    }
    // `npm run bench` only: the floors under every route's CPU, before any of the app's code.
    const floor = benchFloor(url.pathname, env);
    if (floor) return floor;
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env));
  },
  // EVENTS_QUEUE and its dead-letter queue (src/queue.ts).
  async queue(batch, env) {
    await consumeEvents(batch, { db: env.DB, now: () => new Date(), baseUrl: mailEnv(env).PUBLIC_URL ?? '' });
  },
} satisfies ExportedHandler<Env>;
