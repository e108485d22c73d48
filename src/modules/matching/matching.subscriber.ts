/** Matching follows what changed: listings, requests, imports, and exchanges that move stock. */
import type { Subscriber } from '../events/events.service';
import { drainMatchingQueue, onListingChanged, onRequestChanged } from './matching.service';

export const matchingSubscriber: Subscriber = {
  name: 'matching',
  on: [
    'listing.changed',
    'stream.occurrence_published',
    'request.changed',
    'import.finished',
    // Moves that reserve or release stock change what a listing can still fill.
    'exchange.accepted',
    'exchange.declined',
    'exchange.cancelled',
    'exchange.completed',
  ],
  handle: async (deps, event) => {
    const id = event.subjectId;
    switch (event.kind) {
      case 'listing.changed':
      case 'stream.occurrence_published':
        return id === null ? undefined : onListingChanged(deps, id);
      case 'request.changed':
        return id === null ? undefined : onRequestChanged(deps, id);
      case 'import.finished': {
        if (id === null) return;
        // One batch of the import's queue at once; the scheduled pass drains what is left.
        await drainMatchingQueue(deps, { importId: id });
        return;
      }
      default:
        if (event.kind.startsWith('exchange.') && 'listingId' in event.payload)
          return onListingChanged(deps, event.payload.listingId);
    }
  },
};
