import type { Deps } from '../../env';
import { ApiError } from '../../http/errors';
import type {
  TMethodPatch,
  TNetwork,
  TNetworkHub,
  TNetworkInput,
  TNetworkPatch,
  TNetworkSummary,
} from '../../shared/networks.schemas';
import { requireHubRef, roleIn } from '../hubs/hubs.service';
import { methodToApi, toPermille, type MethodPermille } from '../impact/impact.domain';
import * as repo from './networks.repo';

export type { NetworkHubMarks, NetworkRef } from './networks.repo';

export function listNetworks(deps: Deps, viewerId: number | null): Promise<TNetworkSummary[]> {
  return repo.listNetworks(deps.db, viewerId);
}

async function requireNetwork(deps: Deps, slug: string): Promise<repo.NetworkRef> {
  const network = await repo.findNetwork(deps.db, slug);
  if (!network) throw new ApiError('NETWORK_NOT_FOUND');
  return network;
}

/**
 * The network, for one of its coordinators only. Anyone else gets the same 404 as for a network
 * that does not exist: a network's flows are not public, nor is who may see them.
 */
export async function requireCoordinatedNetwork(
  deps: Deps,
  slug: string,
  userId: number,
): Promise<repo.NetworkRef> {
  const network = await repo.findCoordinatedNetwork(deps.db, slug, userId);
  if (!network) throw new ApiError('NETWORK_NOT_FOUND');
  return network;
}

export async function getNetwork(deps: Deps, slug: string, viewerId: number | null): Promise<TNetwork> {
  const network = await requireNetwork(deps, slug);
  const coordinator = viewerId !== null && (await repo.isCoordinator(deps.db, network.id, viewerId));
  const [hubs, method, people] = await Promise.all([
    repo.networkHubs(deps.db, network.id),
    repo.findMethod(deps.db, network.id),
    coordinator ? repo.coordinators(deps.db, network.id) : Promise.resolve(null),
  ]);
  // Invitations not yet accepted are the coordinators' business only.
  const shown = coordinator ? hubs : hubs.filter((h) => h.status === 'active');
  return {
    slug: network.slug,
    name: network.name,
    description: network.description,
    hubCount: hubs.filter((h) => h.status === 'active').length,
    isCoordinator: coordinator,
    hubs: shown,
    coordinators: people,
    method: methodToApi(method),
    createdAt: network.createdAt,
  };
}

export async function createNetwork(
  deps: Deps,
  { input, userId }: { input: TNetworkInput; userId: number },
): Promise<TNetwork> {
  const created = await repo.insertNetwork(deps.db, {
    slug: input.slug,
    name: input.name,
    description: input.description ?? '',
    userId,
    now: deps.now().toISOString(),
  });
  if (!created) throw new ApiError('SLUG_TAKEN', { details: { fields: [{ path: 'slug', message: '' }] } });
  return getNetwork(deps, input.slug, userId);
}

export async function updateNetwork(
  deps: Deps,
  { slug, patch, userId }: { slug: string; patch: TNetworkPatch; userId: number },
): Promise<TNetwork> {
  const network = await requireCoordinatedNetwork(deps, slug, userId);
  await repo.updateNetwork(deps.db, network.id, patch, deps.now().toISOString());
  return getNetwork(deps, slug, userId);
}

/**
 * Adds a hub. A coordinator who also manages the hub adds it at once; otherwise it is invited
 * and counts once one of its managers accepts (by making the same call). A hub manager who is
 * not a coordinator can only accept an invitation that exists.
 */
export async function addHub(
  deps: Deps,
  { slug, hubSlug, userId }: { slug: string; hubSlug: string; userId: number },
): Promise<TNetworkHub> {
  const network = await requireNetwork(deps, slug);
  const hub = await requireHubRef(deps, hubSlug);
  const [coordinator, role] = await Promise.all([
    repo.isCoordinator(deps.db, network.id, userId),
    roleIn(deps, hub.id, userId),
  ]);
  const manager = role === 'manager';
  if (!coordinator) {
    const invited = manager && (await repo.networkHubStatus(deps.db, network.id, hub.id)) !== null;
    if (!invited) throw new ApiError('NETWORK_NOT_FOUND');
  }
  const status = await repo.upsertNetworkHub(deps.db, {
    networkId: network.id,
    hubId: hub.id,
    status: manager ? 'active' : 'invited',
    userId,
    now: deps.now().toISOString(),
  });
  const { id: _id, ...summary } = hub;
  return { ...summary, status };
}

/** Removes a hub: a coordinator may, and so may a manager of the hub (the hub leaves). */
export async function removeHub(
  deps: Deps,
  { slug, hubSlug, userId }: { slug: string; hubSlug: string; userId: number },
): Promise<void> {
  const network = await requireNetwork(deps, slug);
  const hub = await requireHubRef(deps, hubSlug);
  const coordinator = await repo.isCoordinator(deps.db, network.id, userId);
  const inNetwork = (await repo.networkHubStatus(deps.db, network.id, hub.id)) !== null;
  if (!coordinator && !(inNetwork && (await roleIn(deps, hub.id, userId)) === 'manager'))
    throw new ApiError('NETWORK_NOT_FOUND');
  if (!(await repo.deleteNetworkHub(deps.db, network.id, hub.id))) throw new ApiError('HUB_NOT_IN_NETWORK');
}

export async function addCoordinator(
  deps: Deps,
  { slug, email, userId }: { slug: string; email: string; userId: number },
): Promise<TNetwork> {
  const network = await requireCoordinatedNetwork(deps, slug, userId);
  const outcome = await repo.insertCoordinatorByEmail(deps.db, {
    networkId: network.id,
    email,
    userId,
    now: deps.now().toISOString(),
  });
  if (outcome === 'no_user')
    throw new ApiError('COORDINATOR_NO_ACCOUNT', { details: { fields: [{ path: 'email', message: '' }] } });
  if (outcome === 'already') throw new ApiError('ALREADY_COORDINATOR');
  return getNetwork(deps, slug, userId);
}

export async function removeCoordinator(
  deps: Deps,
  { slug, targetUserId, userId }: { slug: string; targetUserId: number; userId: number },
): Promise<void> {
  const network = await requireCoordinatedNetwork(deps, slug, userId);
  const outcome = await repo.deleteCoordinator(deps.db, network.id, targetUserId);
  if (outcome === 'last') throw new ApiError('LAST_COORDINATOR');
  if (outcome === 'not_coordinator') throw new ApiError('NOT_FOUND');
}

export async function updateMethod(
  deps: Deps,
  { slug, patch, userId }: { slug: string; patch: TMethodPatch; userId: number },
): Promise<TNetwork> {
  const network = await requireCoordinatedNetwork(deps, slug, userId);
  const current = await repo.findMethod(deps.db, network.id);
  const next: MethodPermille = {
    attributionPermille:
      patch.attribution === undefined ? current.attributionPermille : toPermille(patch.attribution),
    deadweightPermille:
      patch.deadweight === undefined ? current.deadweightPermille : toPermille(patch.deadweight),
    transport: patch.transport ?? current.transport,
    estimateRangePermille:
      patch.estimateRange === undefined ? current.estimateRangePermille : toPermille(patch.estimateRange),
  };
  await repo.upsertMethod(deps.db, network.id, next, { userId, now: deps.now().toISOString() });
  return getNetwork(deps, slug, userId);
}

/** For the impact module. */
export function methodOf(deps: Deps, networkId: number): Promise<MethodPermille> {
  return repo.findMethod(deps.db, networkId);
}

export function hubsOf(deps: Deps, networkId: number): Promise<TNetworkHub[]> {
  return repo.networkHubs(deps.db, networkId);
}

/**
 * The network's hubs with their ids, update times and newest ledger row: one read that gives an
 * impact report both its hub list and most of its version. A statement for the caller's own
 * `DB.batch` (this module writes the SQL, the caller only sequences it), read back with
 * `hubsWithMarksOf`.
 */
export function hubsWithMarksStatement(deps: Deps, networkId: number): D1PreparedStatement {
  return repo.networkHubsWithMarksStatement(deps.db, networkId);
}
export const hubsWithMarksOf = repo.hubsWithMarksOf;

export function activeHubsOf(deps: Deps, networkId: number): Promise<{ id: number; slug: string }[]> {
  return repo.activeHubs(deps.db, networkId);
}

export function allNetworks(deps: Deps): Promise<{ id: number; slug: string }[]> {
  return repo.allNetworkIds(deps.db);
}

export async function pendingInvitations(
  deps: Deps,
  { hubSlug, userId }: { hubSlug: string; userId: number },
): Promise<{ slug: string; name: string }[]> {
  const hub = await requireHubRef(deps, hubSlug);
  if ((await roleIn(deps, hub.id, userId)) !== 'manager') return [];
  return repo.invitationsOfHub(deps.db, hub.id);
}

/** Whether the person coordinates a network in which this hub is active: who may moderate it. */
export function coordinatesHub(deps: Deps, hubId: number, userId: number): Promise<boolean> {
  return repo.coordinatesHub(deps.db, hubId, userId);
}

/** The ids of a network's active hubs, for one of its coordinators (else NETWORK_NOT_FOUND). */
export async function coordinatedNetworkHubIds(deps: Deps, slug: string, userId: number): Promise<number[]> {
  const network = await requireCoordinatedNetwork(deps, slug, userId);
  return (await repo.activeHubs(deps.db, network.id)).map((h) => h.id);
}
