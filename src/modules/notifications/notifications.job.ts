import type { ScheduledJob } from '../../scheduled';
import { mailEnv, senderFromEnv } from './notifications.sender';
import { deliverOutbox, sendDigests } from './notifications.service';

/** Queues the daily digests that are due, then sends what the outbox holds. */
export const notificationsJob: ScheduledJob = {
  name: 'notifications.email',
  run: async ({ db, now, env }) => {
    const menv = mailEnv(env);
    const digests = await sendDigests({ db, now, baseUrl: menv.PUBLIC_URL ?? '' });
    const delivered = await deliverOutbox({ db, now, sender: senderFromEnv(menv) });
    return { ...digests, ...delivered };
  },
};
