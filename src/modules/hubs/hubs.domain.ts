import type { TRole } from '../../shared/common.schemas';
import type { THubSummary } from '../../shared/hubs.schemas';

type SummaryField = 'slug' | 'name' | 'city' | 'country' | 'kind' | 'lat' | 'lon';

/** The columns of a hub's summary in a read model's row, each under a prefix (`hub_`, `fh_`, or none). */
export type HubSummaryColumns<P extends string> = {
  [K in SummaryField as `${P}${K}`]: K extends 'lat' | 'lon' ? number : string;
};

/** A hub's summary from the columns a read model selected under `prefix`: the one mapping of it. */
export function hubSummaryOf<P extends string>(row: HubSummaryColumns<P>, prefix: P): THubSummary {
  const r = row as unknown as Record<string, string | number>;
  const col = (field: SummaryField) => r[`${prefix}${field}`];
  return {
    slug: col('slug') as string,
    name: col('name') as string,
    city: col('city') as string,
    country: col('country') as string,
    // The hubs table's CHECK keeps `kind` to the enum.
    kind: col('kind') as THubSummary['kind'],
    lat: col('lat') as number,
    lon: col('lon') as number,
  };
}

/** Invites are valid for a week and admit one person. */
export const INVITE_DAYS = 7;

export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_DAYS * 24 * 3600 * 1000);
}

/** Who may change a hub, see its members and invite people. */
export function canManage(role: TRole | null): boolean {
  return role === 'manager';
}

/** A manager removes anyone; a member may only leave. */
export function canRemoveMember(actor: { id: number; role: TRole | null }, targetUserId: number): boolean {
  return actor.role === 'manager' || (actor.role !== null && actor.id === targetUserId);
}

/** What a person is in each hub: hub id to role. */
export type HubRoles = ReadonlyMap<number, TRole>;

/**
 * Who may change or withdraw a hub's listing or request: its author while still a member of
 * the hub, or any manager of the hub.
 */
export function canEditHubContent(
  item: { authorId: number; hubId: number },
  viewer: { id: number; roles: HubRoles } | null,
): boolean {
  if (!viewer) return false;
  const role = viewer.roles.get(item.hubId);
  return role === 'manager' || (role === 'member' && item.authorId === viewer.id);
}
