import type { TRole } from '../../shared/schemas';

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
