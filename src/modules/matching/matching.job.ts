import type { ScheduledJob } from '../../scheduled';
import { rebuildMatches } from './matching.service';

/** Expires stale matches and recomputes the next batch of open requests. */
export const matchingJob: ScheduledJob = {
  name: 'matching.rebuild',
  run: ({ db, now }) => rebuildMatches({ db, now }),
};
