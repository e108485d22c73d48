/**
 * The trainings contract: trainings, sessions and what a member has been trained on.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import { ZDate } from './common.schemas';
import { ZHubRef, ZTrainingRef } from './machines.schemas';
import { lineText as text, multilineText } from './user-input';

export const ZTrainingInput = z.strictObject({
  name: text(2, 120),
  level: z.number().int().min(1).max(9).default(1),
  description: multilineText(0, 2000).default(''),
});
export type TTrainingInput = z.input<typeof ZTrainingInput>;

export const ZTraining = ZTrainingRef.extend({
  description: z.string(),
  /** Other hubs' trainings this hub accepts as equivalent to this one. */
  accepts: z.array(ZTrainingRef),
});
export type TTraining = z.infer<typeof ZTraining>;

export const ZTrainingList = z.object({ items: z.array(ZTraining) });

export const ZTrainingRecordInput = z.strictObject({
  email: z.email().max(254),
  completedOn: ZDate,
});
export type TTrainingRecordInput = z.infer<typeof ZTrainingRecordInput>;

export const ZTrainingRecord = z.object({
  id: z.number().int(),
  training: ZTrainingRef,
  person: ZPerson,
  completedOn: z.string(),
  recordedBy: ZPerson,
  createdAt: z.string(),
});
export type TTrainingRecord = z.infer<typeof ZTrainingRecord>;
export const ZTrainingRecordList = z.object({ items: z.array(ZTrainingRecord) });

export const ZPassportEntry = z.object({
  training: ZTrainingRef,
  completedOn: z.string(),
  recordedBy: ZPerson,
  /** Trainings of other hubs that accept this one as equivalent. */
  acceptedAs: z.array(ZTrainingRef),
});
export const ZPassport = z.object({ person: ZPerson, items: z.array(ZPassportEntry) });
export type TPassport = z.infer<typeof ZPassport>;

// ---------- training requests ----------

export const TRAINING_REQUEST_STATUSES = ['pending', 'recorded', 'declined'] as const;

/** Asking a machine's hub for the training the machine requires: an optional word for its managers. */
export const ZTrainingRequestInput = z.strictObject({ message: multilineText(0, 500).default('') });
export type TTrainingRequestInput = z.input<typeof ZTrainingRequestInput>;

export const ZTrainingRequest = z.object({
  id: z.number().int(),
  training: ZTrainingRef,
  machine: z.object({ id: z.number().int(), name: z.string() }),
  hub: ZHubRef,
  person: ZPerson,
  message: z.string(),
  status: z.enum(TRAINING_REQUEST_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TTrainingRequest = z.infer<typeof ZTrainingRequest>;
export const ZTrainingRequestList = z.object({ items: z.array(ZTrainingRequest) });
export type TTrainingRequestList = z.infer<typeof ZTrainingRequestList>;

/** Recording the training a person asked for: the day they completed it. */
export const ZTrainingRequestRecordInput = z.strictObject({ completedOn: ZDate });
export type TTrainingRequestRecordInput = z.infer<typeof ZTrainingRequestRecordInput>;
