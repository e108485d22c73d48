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
