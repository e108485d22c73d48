/**
 * A request's progress in its own unit: claimed (waiting for an answer), accepted (not yet
 * received) and received (from the ledger, reversals subtracted), from the claims that name it.
 * Received ≥ needed makes an open request fulfilled by itself; its author can reopen it.
 */
import type { Deps, SessionUser } from '../../env';
import { ApiError } from '../../http/errors';
import type { TRequestProgress } from '../../shared/exchanges.schemas';
import type { Subscriber } from '../events/events.service';
import { exchangesOfRequest } from '../exchanges/exchanges.service';
import { roleIn } from '../hubs/hubs.service';
import { fromMilli } from '../listings/listings.domain';
import { markFulfilled, requestFacts, type RequestFacts } from '../requests/requests.service';

const WAITING = new Set(['claimed']);
const UNDERWAY = new Set(['accepted', 'handed_over', 'disputed']);

async function progressOf(deps: Deps, request: RequestFacts): Promise<TRequestProgress> {
  // Claims are checked to be in the request's unit; the filter keeps the sums honest regardless.
  const rows = (await exchangesOfRequest(deps, request.id)).filter((r) => r.unit === request.unit);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    requestId: request.id,
    status: request.status,
    unit: request.unit,
    needed: fromMilli(request.quantityMilli),
    claimed: fromMilli(sum((r) => (WAITING.has(r.state) ? r.quantity_milli : 0))),
    accepted: fromMilli(sum((r) => (UNDERWAY.has(r.state) ? r.quantity_milli : 0))),
    received: fromMilli(sum((r) => r.received_milli)),
    exchanges: rows.map((r) => ({
      id: r.id,
      state: r.state,
      quantity: fromMilli(r.quantity_milli),
      received: fromMilli(r.received_milli),
      fromHub: { slug: r.fh_slug, name: r.fh_name },
      listing: { id: r.listing_id, title: r.listing_title },
    })),
  };
}

/** The progress of a request, for members of its hub (like its matches). */
export async function requestProgress(
  deps: Deps,
  { requestId, user }: { requestId: number; user: SessionUser },
): Promise<TRequestProgress> {
  const request = await requestFacts(deps, requestId);
  if (!request) throw new ApiError('REQUEST_NOT_FOUND');
  if (!(await roleIn(deps, request.hubId, user.id))) throw new ApiError('NOT_A_MEMBER');
  return progressOf(deps, request);
}

/** Fulfils an open request once the ledger says it received what it needed. */
export async function settleRequest(deps: Deps, requestId: number): Promise<boolean> {
  const request = await requestFacts(deps, requestId);
  if (!request || request.status !== 'open') return false;
  const p = await progressOf(deps, request);
  if (p.received < p.needed) return false;
  return markFulfilled(deps, requestId);
}

export const requestProgressSubscriber: Subscriber = {
  name: 'request-progress',
  on: ['exchange.completed'],
  handle: async (deps, event) => {
    if (event.kind === 'exchange.completed' && event.payload.requestId)
      await settleRequest(deps, event.payload.requestId);
  },
};
