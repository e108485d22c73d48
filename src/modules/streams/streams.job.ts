import type { ScheduledJob } from '../../scheduled';
import { mailEnv } from '../notifications/notifications.sender';
import { publishDueOccurrences } from './streams.service';

/** Publishes the stream occurrences whose date has arrived, with the subscribers' exchanges. */
export const streamsJob: ScheduledJob = {
  name: 'streams.publish',
  run: ({ db, now, env }) => publishDueOccurrences({ db, now, baseUrl: mailEnv(env).PUBLIC_URL ?? '' }),
};
