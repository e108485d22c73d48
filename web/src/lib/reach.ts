/**
 * Whether a hub can answer a request: within its fetch radius, measured as matching measures it
 * (`scoreMatch`: the distance between the two hubs, never the request's own hub). The request
 * page's "Can your hub help?" and the request cards say it from the same rule.
 */
import type { THubSummary } from '$shared/hubs.schemas';
import type { TRequest } from '$shared/requests.schemas';
import { distanceMetres } from '$shared/geo';

export type HubReach = { hub: THubSummary; metres: number; within: boolean };

/** The person's hubs but the request's own, nearest first, each with its distance and whether it is within reach. */
export function hubsReaching(
  request: Pick<TRequest, 'hub' | 'fetchRadiusKm'>,
  hubs: THubSummary[],
): HubReach[] {
  return hubs
    .filter((h) => h.slug !== request.hub.slug)
    .map((hub) => {
      const metres = distanceMetres(hub, request.hub);
      return { hub, metres, within: metres <= request.fetchRadiusKm * 1000 };
    })
    .sort((a, b) => a.metres - b.metres);
}
