/** Helpers of the machines tests: machines with opening windows, instants in a hub's local time. */
import { expect } from 'vitest';
import { localParts, localToUtc, isoInZone, minutesOf } from '../src/modules/machines/machines.domain';
import { ZMachine, type TMachine } from '../src/shared/machines.schemas';
import { ZTraining } from '../src/shared/trainings.schemas';
import { call, expectJson, type Session } from './helpers';

export const TZ = 'Europe/Brussels';

/** Every day, 08:00–20:00 local time. */
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

export const LASER = {
  type: 'laser_cutter',
  name: 'Trotec Speedy 400',
  description: 'CO2 laser, 80 W',
  bedXMm: 600,
  bedYMm: 400,
  materialsAllowed: ['acrylic', 'plywood'],
  materialsForbidden: ['PVC'],
  rules: 'Stay with the machine while it cuts.',
  priceCentsPerHour: 1500,
  slotMinutes: 60,
  maxSlotsPerBooking: 4,
  horizonDays: 28,
  minNoticeMinutes: 60,
  cancelDeadlineMinutes: 120,
  windows: ALL_WEEK,
} as const;

/** The local date `days` after today in a zone, as [year, month, day]. */
export function localDay(days: number, tz = TZ): [number, number, number] {
  const p = localParts(tz, Date.now());
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days, 12));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** An instant `days` after today at a local time ("10:00"), as ISO with the zone's offset. */
export function at(days: number, hhmm: string, tz = TZ): string {
  const [y, m, d] = localDay(days, tz);
  return isoInZone(tz, localToUtc(tz, y, m, d, minutesOf(hhmm)));
}

/** The ISO weekday (1 = Monday) of the local date `days` after today. */
export function weekdayOf(days: number, tz = TZ): number {
  const [y, m, d] = localDay(days, tz);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export async function createMachine(
  session: Session,
  hub: string,
  overrides: Record<string, unknown> = {},
): Promise<TMachine> {
  const res = await call(`/hubs/${hub}/machines`, { session, body: { ...LASER, ...overrides } });
  return expectJson(res, 201, ZMachine);
}

export async function createTraining(session: Session, hub: string, name = 'Laser safety', level = 1) {
  const res = await call(`/hubs/${hub}/trainings`, { session, body: { name, level } });
  return expectJson(res, 201, ZTraining);
}

export async function recordTraining(session: Session, hub: string, trainingId: number, email: string) {
  const res = await call(`/hubs/${hub}/trainings/${trainingId}/records`, {
    session,
    body: { email, completedOn: '2026-01-15' },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

export function book(session: Session, machineId: number, startsAt: string, endsAt: string) {
  return call(`/machines/${machineId}/bookings`, { session, body: { startsAt, endsAt } });
}
