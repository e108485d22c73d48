/**
 * The exchange state machine and the rules around it. Pure: no I/O. The table below is the one
 * place that says which move is allowed from which state, by whom, and what it does to stock.
 */
import type { TExchangeAction, TExchangeSide, TExchangeState } from '../../shared/exchanges.schemas';
import { estimateMass, type MassInput, type MassSource } from '../../shared/mass';

/** The scheduler's moves, beside the people's. */
export type SystemAction = 'expire' | 'finalise';
export type Action = TExchangeAction | SystemAction;

/**
 * Who may make a move: the listing's hub (giver), the claimant's hub (receiver), either, the
 * hub that did NOT record the handover (counterpart), or only the scheduler.
 */
export type Actor = 'giver' | 'receiver' | 'either' | 'counterpart' | 'system';

export type Transition = { action: Action; from: TExchangeState; to: TExchangeState; by: Actor };

export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: 'claimed', to: 'accepted', by: 'giver' },
  { action: 'decline', from: 'claimed', to: 'declined', by: 'giver' },
  { action: 'decline', from: 'accepted', to: 'declined', by: 'giver' },
  { action: 'cancel', from: 'claimed', to: 'cancelled', by: 'receiver' },
  { action: 'cancel', from: 'accepted', to: 'cancelled', by: 'receiver' },
  // A dispute neither side can settle by a new handover record ends without a flow.
  { action: 'cancel', from: 'disputed', to: 'cancelled', by: 'either' },
  { action: 'expire', from: 'claimed', to: 'expired', by: 'system' },
  { action: 'handover', from: 'accepted', to: 'handed_over', by: 'either' },
  { action: 'handover', from: 'disputed', to: 'handed_over', by: 'either' },
  { action: 'confirm', from: 'handed_over', to: 'completed', by: 'counterpart' },
  { action: 'dispute', from: 'handed_over', to: 'disputed', by: 'counterpart' },
  { action: 'finalise', from: 'handed_over', to: 'completed', by: 'system' },
];

export const FINAL_STATES: readonly TExchangeState[] = ['declined', 'cancelled', 'expired', 'completed'];

/** An unanswered claim expires after a week; an unanswered handover is final after three days. */
export const CLAIM_DAYS = 7;
export const CONFIRM_DAYS = 3;
const DAY_MS = 24 * 3600 * 1000;

export const claimExpiry = (now: Date) => new Date(now.getTime() + CLAIM_DAYS * DAY_MS);
export const confirmDeadline = (now: Date) => new Date(now.getTime() + CONFIRM_DAYS * DAY_MS);

/** The allowed move for an action from a state, or null. */
export function transitionFor(state: TExchangeState, action: Action): Transition | null {
  return TRANSITIONS.find((t) => t.from === state && t.action === action) ?? null;
}

/** The people in a move: which hubs the viewer belongs to, and who recorded the handover. */
export type Party = {
  userId: number;
  inGiver: boolean;
  inReceiver: boolean;
};

export type ExchangeFacts = {
  state: TExchangeState;
  fromHubId: number;
  toHubId: number;
  handoverBy: number | null;
  handoverHubId: number | null;
};

/** Whether this person may make this move now (the state is checked by transitionFor). */
export function mayAct(t: Transition, party: Party, ex: ExchangeFacts): boolean {
  switch (t.by) {
    case 'giver':
      return party.inGiver;
    case 'receiver':
      return party.inReceiver;
    case 'either':
      return party.inGiver || party.inReceiver;
    case 'counterpart': {
      // The hub that did not record the handover answers it, and never the recorder themself.
      if (party.userId === ex.handoverBy) return false;
      return ex.handoverHubId === ex.fromHubId ? party.inReceiver : party.inGiver;
    }
    case 'system':
      return false;
  }
}

/** The moves this person can make on the exchange now, for the UI. */
export function actionsFor(party: Party, ex: ExchangeFacts): TExchangeAction[] {
  return TRANSITIONS.filter((t) => t.from === ex.state && t.by !== 'system' && mayAct(t, party, ex)).map(
    (t) => t.action as TExchangeAction,
  );
}

export function sideOf(party: Party): TExchangeSide | null {
  if (party.inGiver && party.inReceiver) return 'both';
  if (party.inGiver) return 'giver';
  if (party.inReceiver) return 'receiver';
  return null;
}

/**
 * How a move changes the listing's reserved quantity (thousandths). Accepting reserves the
 * claimed quantity; ending before completion releases it; completing keeps what changed hands
 * (it is gone from the listing) and releases the rest.
 */
export function reservationDelta(
  t: Pick<Transition, 'from' | 'to'>,
  quantityMilli: number,
  handedOverMilli: number | null,
): number {
  if (t.from === 'claimed' && t.to === 'accepted') return quantityMilli;
  const holding: TExchangeState[] = ['accepted', 'handed_over', 'disputed'];
  if (!holding.includes(t.from)) return 0;
  if (t.to === 'declined' || t.to === 'cancelled' || t.to === 'expired') return -quantityMilli;
  if (t.to === 'completed') return (handedOverMilli ?? quantityMilli) - quantityMilli;
  return 0;
}

export type MassEstimate = { massGrams: number | null; massSource: MassSource };

/**
 * The mass of what changed hands, as the ledger row records it: the one mass rule
 * (src/shared/mass.ts) — weighed, else estimated, else unknown. Machine hours have no mass.
 */
export function flowMass(o: Omit<MassInput, 'weighedGrams'> & { weighedGrams: number | null }): MassEstimate {
  const m = estimateMass(o);
  return { massGrams: m.grams, massSource: m.source };
}
