import type { ScheduledJob } from '../../scheduled';
import { runExchangeTimers } from './exchanges.service';

/** Expires claims unanswered for 7 days and finalises handovers unanswered for 3. */
export const exchangeTimersJob: ScheduledJob = {
  name: 'exchange-timers',
  run: (deps) => runExchangeTimers(deps),
};
