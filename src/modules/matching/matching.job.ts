import type { ScheduledJob } from '../../scheduled';
import { mailEnv } from '../notifications/notifications.sender';
import { rebuildMatches } from './matching.service';

/** Matches queued (imported) listings, expires stale matches and recomputes the next open requests. */
export const matchingJob: ScheduledJob = {
  name: 'matching.rebuild',
  run: ({ db, now, env }) => rebuildMatches({ db, now, baseUrl: mailEnv(env).PUBLIC_URL ?? '' }),
};
