/**
 * The accounts contract: signing up and in, the signed-in person and their memberships.
 */
import { z } from 'zod';
import { somethingToChange, ZLocale, ZRole, ZTimestamp } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { lineText as text } from './user-input';

export const ZSignupInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(10).max(200),
  displayName: text(1, 80),
  locale: ZLocale.default('nl'),
});
export type TSignupInput = z.input<typeof ZSignupInput>;

export const ZLoginInput = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZUser = z.object({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  createdAt: ZTimestamp,
});
export type TUser = z.infer<typeof ZUser>;

export const ZMePatch = z
  .strictObject({ displayName: text(1, 80), locale: ZLocale })
  .partial()
  .refine(...somethingToChange);
export type TMePatch = z.infer<typeof ZMePatch>;

export const ZMembership = z.object({ hub: ZHubSummary, role: ZRole });
export type TMembership = z.infer<typeof ZMembership>;

export const ZMe = z.object({ user: ZUser, memberships: z.array(ZMembership) });
export type TMe = z.infer<typeof ZMe>;

/** Who is signed in, if anyone: answered 200 either way, so a signed-out start logs no error. */
export const ZSessionState = z.object({ me: ZMe.nullable() });
export type TSessionState = z.infer<typeof ZSessionState>;

export const ZPerson = z.object({ id: z.number().int(), displayName: z.string() });
