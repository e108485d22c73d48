/** What waits for a person now, across their hubs (GET /me/tasks). */
import { z } from 'zod';
import { ZUnit } from './common.schemas';

/** Every kind of task, one entry each; a module adds its kind here and its source in tasks.service.ts. */
export const TASK_KINDS = [
  'claim_to_answer',
  'handover_to_confirm',
  'outcome_to_record',
  'question_to_answer',
  'join_request_to_decide',
  'training_to_record',
] as const;
export const ZTaskKind = z.enum(TASK_KINDS);
export type TTaskKind = z.infer<typeof ZTaskKind>;

export const ZTask = z.object({
  kind: ZTaskKind,
  /** Where the person acts on it in the web app. */
  path: z.string(),
  /** Until when (claims expire, handovers become final); null when it has no deadline. */
  deadline: z.string().nullable(),
  /** What it is about, in people's own words (a listing's title, a person's name …). */
  title: z.string(),
  /** The other hub involved, if any. */
  hub: z.object({ slug: z.string(), name: z.string() }).nullable(),
  quantity: z.number().nullable(),
  unit: ZUnit.nullable(),
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskList = z.object({ items: z.array(ZTask), count: z.number().int() });
export type TTaskList = z.infer<typeof ZTaskList>;
