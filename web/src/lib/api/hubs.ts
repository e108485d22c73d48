/** Hubs API calls: hubs, their members, invites and join requests. */
import type { TMembership } from '$shared/accounts.schemas';
import type { TRole } from '$shared/common.schemas';
import type {
  THub,
  THubInput,
  THubPage,
  THubPatch,
  THubMap,
  THubSummary,
  TInvite,
  TInvitePreview,
  TJoinRequest,
  TJoinRequestList,
  TMember,
} from '$shared/hubs.schemas';
import { operation, type Call } from './operation';

export function hubsApi(call: Call) {
  return {
    /** A page of the hubs directory, by name, with counts; only the hubs `q` finds when given. */
    list: (query: { q?: string; cursor?: string; limit?: number } = {}) =>
      call<THubPage>(operation('GET /hubs'), { query }),
    /**
     * Hubs' names, cities and places, without counts: those whose name or city hold the words `q`
     * (a picker as a person types), at a point or by slug; without these, the first 100 by name.
     */
    summaries: (query: { q?: string; at?: string; slug?: string; limit?: number } = {}) =>
      call<{ items: THubSummary[] }>(operation('GET /hub-summaries'), { query }),
    /**
     * Every hub on a map, a view at a time (`bbox` SOUTH,WEST,NORTH,EAST; without it the box round
     * every hub and how many there are): hubs one by one, or clusters where a view holds many.
     */
    map: (query: { bbox?: string; columns?: number } = {}) =>
      call<THubMap>(operation('GET /hub-map'), { query }),
    get: (slug: string) => call<THub>(operation('GET /hubs/{slug}', { slug })),
    create: (input: THubInput) => call<THub>(operation('POST /hubs'), { json: input }),
    patch: (slug: string, patch: THubPatch) =>
      call<THub>(operation('PATCH /hubs/{slug}', { slug }), { json: patch }),
    members: (slug: string) => call<{ items: TMember[] }>(operation('GET /hubs/{slug}/members', { slug })),
    removeMember: (slug: string, userId: number) =>
      call<void>(operation('DELETE /hubs/{slug}/members/{userId}', { slug, userId })),
    createInvite: (slug: string, role: TRole) =>
      call<TInvite>(operation('POST /hubs/{slug}/invites', { slug }), { json: { role } }),
    joinRequests: (slug: string) =>
      call<TJoinRequestList>(operation('GET /hubs/{slug}/join-requests', { slug })),
    askToJoin: (slug: string, message: string) =>
      call<TJoinRequest>(operation('POST /hubs/{slug}/join-requests', { slug }), { json: { message } }),
    decideJoinRequest: (slug: string, id: number, accept: boolean) =>
      call<TJoinRequest>(
        accept
          ? operation('POST /hubs/{slug}/join-requests/{id}/accept', { slug, id })
          : operation('POST /hubs/{slug}/join-requests/{id}/decline', { slug, id }),
      ),
  };
}

export function invitesApi(call: Call) {
  return {
    preview: (token: string) => call<TInvitePreview>(operation('GET /invites/{token}', { token })),
    accept: (token: string) => call<TMembership>(operation('POST /invites/{token}/accept', { token })),
  };
}
