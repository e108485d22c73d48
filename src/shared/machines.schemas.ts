/**
 * The machines contract: machines, opening windows, the maker passport, bookings.
 * Times in the API are ISO 8601 with an offset; the hub's own offset is used in answers.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import { ZDate } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { ZPhoto } from './photos.schemas';
import { lineText as text, multilineText } from './user-input';
import type { RuleKey } from './validation';

export const MACHINE_TYPES = [
  'laser_cutter',
  'cnc_router',
  'printer_3d',
  'vinyl_cutter',
  'sewing_machine',
  'embroidery_machine',
  'milling_machine',
  'lathe',
  'other',
] as const;
export const ZMachineType = z.enum(MACHINE_TYPES);
export type TMachineType = z.infer<typeof ZMachineType>;

/** An instant with its offset, e.g. 2027-03-29T09:00:00+02:00 (Z is accepted too). */
export const ZInstant = z.iso.datetime({ offset: true });

/** A local time on the quarter hour, 00:00 … 24:00. */
export const ZLocalTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):(?:00|15|30|45)|24:00)$/);

export const ZWindow = z
  .strictObject({
    /** 1 = Monday … 7 = Sunday. */
    weekday: z.number().int().min(1).max(7),
    start: ZLocalTime,
    end: ZLocalTime,
  })
  .refine((w) => w.start < w.end, { path: ['end'], message: 'end_after_start_time' satisfies RuleKey });
export type TWindow = z.infer<typeof ZWindow>;

export const ZClosure = z
  .strictObject({ startDate: ZDate, endDate: ZDate, reason: text(0, 200).default('') })
  .refine((c) => c.startDate <= c.endDate, {
    path: ['endDate'],
    message: 'end_after_start' satisfies RuleKey,
  });
export type TClosure = z.output<typeof ZClosure>;

/** A material a machine takes or refuses: a category slug or a few words. */
const ZMaterial = text(1, 60);
const ZMm = z.number().int().positive().max(100_000);

const machineFields = {
  type: ZMachineType,
  name: text(2, 120),
  description: multilineText(0, 4000),
  bedXMm: ZMm.nullable(),
  bedYMm: ZMm.nullable(),
  bedZMm: ZMm.nullable(),
  materialsAllowed: z.array(ZMaterial).max(40),
  materialsForbidden: z.array(ZMaterial).max(40),
  rules: multilineText(0, 4000),
  /** Price per hour in euro cents; null is free. */
  priceCentsPerHour: z.number().int().min(0).max(1_000_000).nullable(),
  requiredTrainingId: z.number().int().min(1).nullable(),
  /** A multiple of 15 minutes. */
  slotMinutes: z
    .number()
    .int()
    .min(15)
    .max(720)
    .refine((m) => m % 15 === 0, 'quarter_hours' satisfies RuleKey),
  maxSlotsPerBooking: z.number().int().min(1).max(48),
  /** How many days ahead one may book. */
  horizonDays: z.number().int().min(1).max(366),
  /** How long before a slot one may still book it. */
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  /** How long before a booking one may still cancel it. */
  cancelDeadlineMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  active: z.boolean(),
  windows: z.array(ZWindow).max(70),
  closures: z.array(ZClosure).max(100),
};

export const ZMachineInput = z.strictObject({
  ...machineFields,
  description: machineFields.description.default(''),
  bedXMm: machineFields.bedXMm.optional(),
  bedYMm: machineFields.bedYMm.optional(),
  bedZMm: machineFields.bedZMm.optional(),
  materialsAllowed: machineFields.materialsAllowed.default([]),
  materialsForbidden: machineFields.materialsForbidden.default([]),
  rules: machineFields.rules.default(''),
  priceCentsPerHour: machineFields.priceCentsPerHour.default(null),
  requiredTrainingId: machineFields.requiredTrainingId.default(null),
  slotMinutes: machineFields.slotMinutes.default(60),
  maxSlotsPerBooking: machineFields.maxSlotsPerBooking.default(4),
  horizonDays: machineFields.horizonDays.default(28),
  minNoticeMinutes: machineFields.minNoticeMinutes.default(60),
  cancelDeadlineMinutes: machineFields.cancelDeadlineMinutes.default(120),
  active: machineFields.active.default(true),
  windows: machineFields.windows.default([]),
  closures: machineFields.closures.default([]),
});
export type TMachineInput = z.input<typeof ZMachineInput>;

/** An edit changes only what it sends; windows and closures are replaced as a whole. */
export const ZMachinePatch = z
  .strictObject(machineFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing_to_change' satisfies RuleKey);
export type TMachinePatch = z.input<typeof ZMachinePatch>;

export const ZHubRef = z.object({ slug: z.string(), name: z.string() });

export const ZTrainingRef = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.number().int(),
  hub: ZHubRef,
});
export type TTrainingRef = z.infer<typeof ZTrainingRef>;

export const ZMachineHub = ZHubSummary.extend({ timezone: z.string() });

export const ZMachine = z.object({
  id: z.number().int(),
  photos: z.array(ZPhoto),
  hub: ZMachineHub,
  type: ZMachineType,
  name: z.string(),
  description: z.string(),
  bedXMm: z.number().nullable(),
  bedYMm: z.number().nullable(),
  bedZMm: z.number().nullable(),
  materialsAllowed: z.array(z.string()),
  materialsForbidden: z.array(z.string()),
  rules: z.string(),
  priceCentsPerHour: z.number().int().nullable(),
  requiredTraining: ZTrainingRef.nullable(),
  slotMinutes: z.number().int(),
  maxSlotsPerBooking: z.number().int(),
  horizonDays: z.number().int(),
  minNoticeMinutes: z.number().int(),
  cancelDeadlineMinutes: z.number().int(),
  active: z.boolean(),
  windows: z.array(ZWindow),
  closures: z.array(z.object({ startDate: z.string(), endDate: z.string(), reason: z.string() })),
  /** Whether the viewer manages the machine's hub. */
  canManage: z.boolean(),
  /** Whether the viewer holds the required training (or one the hub accepts); null when signed out. */
  viewerQualified: z.boolean().nullable(),
  /** The viewer's latest request for the required training (pending or declined), else null. */
  viewerTrainingRequest: z
    .object({
      id: z.number().int(),
      status: z.enum(['pending', 'recorded', 'declined']),
      createdAt: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TMachine = z.infer<typeof ZMachine>;

export const ZMachineList = z.object({ items: z.array(ZMachine) });

export const ZMachineSearch = z.object({
  hub: z.string().max(60).optional(),
  type: ZMachineType.optional(),
});

export const SLOT_REASONS = ['booked', 'past', 'too_soon', 'beyond_horizon'] as const;

export const ZSlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  available: z.boolean(),
  /** Why a slot cannot be booked, else null. */
  reason: z.enum(SLOT_REASONS).nullable(),
});
export type TSlot = z.infer<typeof ZSlot>;

export const ZAvailabilityQuery = z.object({ from: ZInstant.optional(), to: ZInstant.optional() });

export const ZAvailability = z.object({
  machineId: z.number().int(),
  timezone: z.string(),
  slotMinutes: z.number().int(),
  from: z.string(),
  to: z.string(),
  items: z.array(ZSlot),
});
export type TAvailability = z.infer<typeof ZAvailability>;

export const ZBookingInput = z
  .strictObject({ startsAt: ZInstant, endsAt: ZInstant, note: multilineText(0, 500).default('') })
  .refine((b) => Date.parse(b.startsAt) < Date.parse(b.endsAt), {
    path: ['endsAt'],
    message: 'end_after_start_time' satisfies RuleKey,
  });
export type TBookingInput = z.input<typeof ZBookingInput>;

export const ZBooking = z.object({
  id: z.number().int(),
  machine: z.object({ id: z.number().int(), name: z.string(), type: ZMachineType, hub: ZMachineHub }),
  person: ZPerson,
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  /** Until when the booker may cancel it. */
  cancelDeadline: z.string(),
  canCancel: z.boolean(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type TBooking = z.infer<typeof ZBooking>;

export const ZBookingList = z.object({ items: z.array(ZBooking) });
export const ZMyBookingsQuery = z.object({ scope: z.enum(['upcoming', 'past', 'all']).default('upcoming') });
export const ZMachineBookingsQuery = ZAvailabilityQuery;

/** A private calendar feed of a person's bookings: its token and where it is served. */
export const ZCalendarToken = z.object({ token: z.string(), path: z.string() });
export type TCalendarToken = z.infer<typeof ZCalendarToken>;
