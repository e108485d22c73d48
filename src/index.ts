import { createApp } from './app';
import { runScheduledJobs } from './scheduled';

const app = createApp();

/** Where `npm start`'s ticker runs the scheduled jobs locally (only with LOCAL_SCHEDULED=1). */
export const LOCAL_SCHEDULED_PATH = '/api/__scheduled';

export default {
  async fetch(request, env, ctx) {
    // Locally the cron trigger never fires: `npm start` sets LOCAL_SCHEDULED=1 and calls this every
    // minute, so expiries, digests and stream publishing happen as in production. Absent elsewhere.
    const local = (env as { LOCAL_SCHEDULED?: string }).LOCAL_SCHEDULED === '1';
    if (local && request.method === 'POST' && new URL(request.url).pathname === LOCAL_SCHEDULED_PATH) {
      const results = await runScheduledJobs(env);
      return Response.json({ scheduled: results });
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env));
  },
} satisfies ExportedHandler<Env>;
