/**
 * The photos contract: a stored photo as answered (listings, machines, exchange outcomes).
 */
import { z } from 'zod';

export const ZPhoto = z.object({
  id: z.number().int(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
});
export type TPhoto = z.infer<typeof ZPhoto>;
