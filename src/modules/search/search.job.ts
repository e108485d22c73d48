import type { ScheduledJob } from '../../scheduled';
import { foldSearchIndexes } from './search.service';

/** Folds the full-text indexes into one segment each, nightly (search.service `foldSearchIndexes`). */
export const searchFoldJob: ScheduledJob = {
  name: 'search.fold',
  run: ({ db, now }) => foldSearchIndexes({ db, now }),
};
