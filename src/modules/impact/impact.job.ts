import type { ScheduledJob } from '../../scheduled';
import { runImpactJob } from './impact.service';

/** Computes, once, the impact of every completed exchange that has none yet, in every scope. */
export const impactJob: ScheduledJob = {
  name: 'impact',
  run: (deps) => runImpactJob(deps),
};
