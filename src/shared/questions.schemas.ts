/**
 * The questions contract: ask before claiming. A member of another hub asks the listing's hub a
 * question on the listing's page; a thread is one (listing, asking hub), read and written only by
 * people of those two hubs.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import { ZTimestamp } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { multilineText } from './user-input';

export const ZQuestionInput = z.strictObject({
  /**
   * The thread, named by its asking hub (slug): a member of that hub asks in it; a member of the
   * listing's hub answers in it (it must exist: the listing's hub answers, it does not start).
   */
  hub: z.string().min(1).max(60),
  body: multilineText(1, 2000),
});
export type TQuestionInput = z.input<typeof ZQuestionInput>;

export const ZQuestionMessage = z.object({
  id: z.number().int(),
  author: ZPerson,
  /** The hub the author wrote for (slug): the asking hub, or the listing's hub for an answer. */
  hub: z.string(),
  body: z.string(),
  at: ZTimestamp,
});
export type TQuestionMessage = z.infer<typeof ZQuestionMessage>;

export const ZQuestionThread = z.object({
  /** The hub that asks. */
  hub: ZHubSummary,
  messages: z.array(ZQuestionMessage),
  /** The newest message is the asking hub's: the listing's hub has yet to answer. */
  awaitingAnswer: z.boolean(),
});
export type TQuestionThread = z.infer<typeof ZQuestionThread>;

export const ZQuestionThreads = z.object({
  /** The listing's hub sees every asking hub's thread; anyone else only their own hubs' threads. */
  threads: z.array(ZQuestionThread),
  /** Whether the viewer answers for the listing's hub. */
  answers: z.boolean(),
});
export type TQuestionThreads = z.infer<typeof ZQuestionThreads>;
