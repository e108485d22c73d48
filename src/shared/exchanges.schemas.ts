/**
 * The exchanges and flows contract: claims, state moves, handover, messages, outcomes and the
 * ledger. Shared by the Worker and the web app; inputs are strict objects.
 */
import { z } from 'zod';
import { ZPerson } from './accounts.schemas';
import { ZCategorySlug, ZQuantity, ZUnit } from './common.schemas';
import { ZHubSummary } from './hubs.schemas';
import { httpUrl, multilineText } from './user-input';
import type { RuleKey } from './validation';

export const EXCHANGE_STATES = [
  'claimed',
  'accepted',
  'declined',
  'cancelled',
  'expired',
  'handed_over',
  'disputed',
  'completed',
] as const;
export const ZExchangeState = z.enum(EXCHANGE_STATES);
export type TExchangeState = z.infer<typeof ZExchangeState>;

/** Moves a person can make (the scheduler also expires and finalises). */
export const EXCHANGE_ACTIONS = ['accept', 'decline', 'cancel', 'handover', 'confirm', 'dispute'] as const;
export const ZExchangeAction = z.enum(EXCHANGE_ACTIONS);
export type TExchangeAction = z.infer<typeof ZExchangeAction>;

export const TRANSPORT_MODES = ['on_foot', 'bike', 'cargo_bike', 'car', 'van'] as const;
export const ZTransportMode = z.enum(TRANSPORT_MODES);
export type TTransportMode = z.infer<typeof ZTransportMode>;

export const MASS_SOURCES = ['weighed', 'estimated', 'unknown'] as const;
export const ZMassSource = z.enum(MASS_SOURCES);

/** Which side of an exchange a person is on: the listing's hub gives, the claimant's receives. */
export const ZExchangeSide = z.enum(['giver', 'receiver', 'both']);
export type TExchangeSide = z.infer<typeof ZExchangeSide>;

const note = multilineText(0, 2000);

export const ZClaimInput = z.strictObject({
  /** The claimant's hub (slug), which receives the material. */
  hub: z.string().min(1).max(60),
  quantity: ZQuantity,
  message: multilineText(1, 2000),
  proposedPickupAt: z.iso.datetime({ offset: true }).nullable().optional(),
  /** The claimant hub's open request this claim is for: its progress counts the claim. */
  requestId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type TClaimInput = z.input<typeof ZClaimInput>;

/** Body of accept, decline, cancel and confirm: an optional note for the timeline. */
export const ZTransitionInput = z.strictObject({ note: note.optional() });
export type TTransitionInput = z.input<typeof ZTransitionInput>;

export const ZHandoverInput = z.strictObject({
  /** What actually changed hands: at most the accepted quantity. */
  quantity: ZQuantity,
  /** Weighed mass in whole grams, when someone weighed it. */
  massGrams: z.number().int().positive().max(100_000_000).nullable().optional(),
  transportMode: ZTransportMode.nullable().optional(),
  note: note.optional(),
});
export type THandoverInput = z.input<typeof ZHandoverInput>;

export const ZDisputeInput = z.strictObject({ reason: multilineText(3, 2000) });
export type TDisputeInput = z.input<typeof ZDisputeInput>;

export const ZMessageInput = z.strictObject({ body: multilineText(1, 2000) });
export type TMessageInput = z.input<typeof ZMessageInput>;

export const ZOutcomeInput = z.strictObject({
  body: multilineText(3, 2000),
  link: httpUrl(500).nullable().optional(),
});
export type TOutcomeInput = z.input<typeof ZOutcomeInput>;

export const ZExchangeListQuery = z.object({
  role: z.enum(['incoming', 'outgoing']).optional(),
  state: ZExchangeState.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TExchangeListQuery = z.output<typeof ZExchangeListQuery>;

export const ZHandover = z.object({
  quantity: z.number(),
  massGrams: z.number().int().nullable(),
  transportMode: ZTransportMode.nullable(),
  recordedBy: ZPerson,
  /** The hub whose member recorded it; the other hub confirms or disputes. */
  hub: z.string(),
  at: z.string(),
  /** After this moment an unanswered handover is final. */
  confirmBy: z.string(),
});

export const ZExchange = z.object({
  id: z.number().int(),
  state: ZExchangeState,
  listing: z.object({ id: z.number().int(), title: z.string(), kind: z.string() }),
  category: z.string(),
  unit: ZUnit,
  quantity: z.number(),
  fromHub: ZHubSummary,
  toHub: ZHubSummary,
  claimedBy: ZPerson,
  proposedPickupAt: z.string().nullable(),
  /** An unanswered claim expires then. */
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  handover: ZHandover.nullable(),
  disputeReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** The viewer's side. */
  side: ZExchangeSide,
  /** What the viewer may do now. */
  actions: z.array(ZExchangeAction),
  canRecordOutcome: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TExchange = z.infer<typeof ZExchange>;

export const ZExchangeEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: ZExchangeState.nullable(),
  toState: ZExchangeState,
  /** Null when the scheduler made the move (expiry, finalisation). */
  actor: ZPerson.nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export type TExchangeEvent = z.infer<typeof ZExchangeEvent>;

export const ZExchangeMessage = z.object({
  id: z.number().int(),
  author: ZPerson,
  hub: z.string(),
  body: z.string(),
  at: z.string(),
});
export type TExchangeMessage = z.infer<typeof ZExchangeMessage>;

export const ZExchangeOutcome = z.object({
  id: z.number().int(),
  author: ZPerson,
  body: z.string(),
  link: z.string().nullable(),
  photo: z.object({ url: z.string(), contentType: z.string(), bytes: z.number().int() }).nullable(),
  at: z.string(),
});
export type TExchangeOutcome = z.infer<typeof ZExchangeOutcome>;

export const ZFlow = z.object({
  id: z.number().int(),
  exchangeId: z.number().int(),
  fromHub: z.object({ slug: z.string(), name: z.string() }),
  toHub: z.object({ slug: z.string(), name: z.string() }),
  category: z.string(),
  /** Negative on a reversing row. */
  quantity: z.number(),
  unit: ZUnit,
  massGrams: z.number().int().nullable(),
  massSource: ZMassSource,
  completedAt: z.string(),
  reversesFlowId: z.number().int().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type TFlow = z.infer<typeof ZFlow>;

export const ZExchangeDetail = ZExchange.extend({
  events: z.array(ZExchangeEvent),
  /** What the claiming hub asked about the listing before it claimed, and the answers (the thread on the listing's page). */
  askedBefore: z.array(ZExchangeMessage),
  messages: z.array(ZExchangeMessage),
  outcomes: z.array(ZExchangeOutcome),
  flows: z.array(ZFlow),
});
export type TExchangeDetail = z.infer<typeof ZExchangeDetail>;

export const ZExchangePage = z.object({ items: z.array(ZExchange), nextCursor: z.string().nullable() });
export type TExchangePage = z.infer<typeof ZExchangePage>;

export const ZFlowQuery = z
  .object({
    hub: z.string().min(1).max(60).optional(),
    category: ZCategorySlug.optional(),
    /** Completed on or after this date. */
    from: z.iso.date().optional(),
    /** Completed on or before this date. */
    to: z.iso.date().optional(),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'until_after_from' satisfies RuleKey,
  });
export type TFlowQuery = z.output<typeof ZFlowQuery>;

export const ZFlowPage = z.object({ items: z.array(ZFlow), nextCursor: z.string().nullable() });
export type TFlowPage = z.infer<typeof ZFlowPage>;

/** A request's progress in its own unit, from its claims and the ledger (GET /requests/{id}/progress). */
export const ZRequestProgress = z.object({
  requestId: z.number().int(),
  status: z.enum(['open', 'fulfilled', 'withdrawn']),
  unit: ZUnit,
  needed: z.number(),
  /** Claims still waiting for an answer. */
  claimed: z.number(),
  /** Accepted and not yet received (accepted, handed over, disputed). */
  accepted: z.number(),
  /** Received according to the ledger (completed exchanges, reversals subtracted). */
  received: z.number(),
  exchanges: z.array(
    z.object({
      id: z.number().int(),
      state: ZExchangeState,
      quantity: z.number(),
      received: z.number(),
      fromHub: z.object({ slug: z.string(), name: z.string() }),
      listing: z.object({ id: z.number().int(), title: z.string() }),
    }),
  ),
});
export type TRequestProgress = z.infer<typeof ZRequestProgress>;
