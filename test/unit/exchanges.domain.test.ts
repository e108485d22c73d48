import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  FINAL_STATES,
  flowMass,
  mayAct,
  reservationDelta,
  transitionFor,
  TRANSITIONS,
  type ExchangeFacts,
} from '../../src/modules/exchanges/exchanges.domain';
import { canonicalJson } from '../../src/modules/exchanges/exchanges.idempotency';
import { EXCHANGE_ACTIONS, EXCHANGE_STATES } from '../../src/shared/exchanges.schemas';

// The whole table, written out: [state, action] -> next state (absent = refused with 409).
const ALLOWED: Record<string, string> = {
  'claimed accept': 'accepted',
  'claimed decline': 'declined',
  'claimed cancel': 'cancelled',
  'claimed expire': 'expired',
  'accepted decline': 'declined',
  'accepted cancel': 'cancelled',
  'accepted handover': 'handed_over',
  'handed_over confirm': 'completed',
  'handed_over dispute': 'disputed',
  'handed_over finalise': 'completed',
  'disputed handover': 'handed_over',
  'disputed cancel': 'cancelled',
};

const facts = (o: Partial<ExchangeFacts> = {}): ExchangeFacts => ({
  state: 'handed_over',
  fromHubId: 1,
  toHubId: 2,
  handoverBy: 10,
  handoverHubId: 1,
  ...o,
});

describe('exchange state machine', () => {
  it('allows exactly the moves of the table', () => {
    for (const state of EXCHANGE_STATES)
      for (const action of [...EXCHANGE_ACTIONS, 'expire', 'finalise'] as const)
        expect(transitionFor(state, action)?.to ?? null, `${state} ${action}`).toBe(
          ALLOWED[`${state} ${action}`] ?? null,
        );
    expect(TRANSITIONS).toHaveLength(Object.keys(ALLOWED).length);
  });

  it('has no way out of a final state', () => {
    for (const state of FINAL_STATES) expect(TRANSITIONS.filter((t) => t.from === state)).toEqual([]);
  });

  it('lets the giver accept, the receiver cancel, and the counterpart answer a handover', () => {
    const giver = { userId: 10, inGiver: true, inReceiver: false };
    const giverColleague = { userId: 11, inGiver: true, inReceiver: false };
    const receiver = { userId: 20, inGiver: false, inReceiver: true };
    expect(actionsFor(giver, facts({ state: 'claimed' })).sort()).toEqual(['accept', 'decline']);
    expect(actionsFor(receiver, facts({ state: 'claimed' }))).toEqual(['cancel']);
    expect(actionsFor(giver, facts())).toEqual([]);
    expect(actionsFor(giverColleague, facts())).toEqual([]);
    expect(actionsFor(receiver, facts()).sort()).toEqual(['confirm', 'dispute']);
    // Someone in both hubs never answers their own handover record.
    expect(actionsFor({ userId: 10, inGiver: true, inReceiver: true }, facts())).toEqual([]);
    expect(actionsFor({ userId: 12, inGiver: true, inReceiver: true }, facts())).toEqual([
      'confirm',
      'dispute',
    ]);
    const system = TRANSITIONS.filter((t) => t.by === 'system');
    for (const t of system)
      expect(mayAct(t, { userId: 1, inGiver: true, inReceiver: true }, facts())).toBe(false);
  });
});

describe('reservations', () => {
  it('reserves on accept, releases on an end before completion, keeps what changed hands', () => {
    expect(reservationDelta({ from: 'claimed', to: 'accepted' }, 4000, null)).toBe(4000);
    expect(reservationDelta({ from: 'claimed', to: 'declined' }, 4000, null)).toBe(0);
    expect(reservationDelta({ from: 'claimed', to: 'expired' }, 4000, null)).toBe(0);
    expect(reservationDelta({ from: 'accepted', to: 'declined' }, 4000, null)).toBe(-4000);
    expect(reservationDelta({ from: 'accepted', to: 'cancelled' }, 4000, null)).toBe(-4000);
    expect(reservationDelta({ from: 'disputed', to: 'cancelled' }, 4000, 3000)).toBe(-4000);
    expect(reservationDelta({ from: 'accepted', to: 'handed_over' }, 4000, 3000)).toBe(0);
    expect(reservationDelta({ from: 'handed_over', to: 'completed' }, 4000, 3000)).toBe(-1000);
    expect(reservationDelta({ from: 'handed_over', to: 'completed' }, 4000, 4000)).toBe(0);
  });
});

describe('flow mass', () => {
  const base = {
    weighedGrams: null,
    category: 'birch-plywood',
    lengthMm: 600,
    widthMm: 400,
    thicknessMm: 18,
  };
  it('prefers a weighed mass', () => {
    expect(flowMass({ ...base, weighedGrams: 1234, quantityMilli: 2000, unit: 'sheets' })).toEqual({
      massGrams: 1234,
      massSource: 'weighed',
    });
  });
  it('estimates from dimensions and density', () => {
    expect(flowMass({ ...base, quantityMilli: 2000, unit: 'sheets' })).toEqual({
      massGrams: 6048,
      massSource: 'estimated',
    });
    expect(flowMass({ ...base, quantityMilli: 1500, unit: 'm2' })).toEqual({
      massGrams: 18900,
      massSource: 'estimated',
    });
    expect(flowMass({ ...base, quantityMilli: 2500, unit: 'kg' })).toEqual({
      massGrams: 2500,
      massSource: 'estimated',
    });
  });
  it('says unknown when it cannot tell, and machine hours have no mass', () => {
    expect(flowMass({ ...base, lengthMm: null, quantityMilli: 2000, unit: 'pieces' })).toEqual({
      massGrams: null,
      massSource: 'unknown',
    });
    expect(flowMass({ ...base, weighedGrams: 500, quantityMilli: 2000, unit: 'hours' })).toEqual({
      massGrams: null,
      massSource: 'unknown',
    });
  });
});

describe('idempotency hashing', () => {
  it('ignores key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(
      canonicalJson({ a: [1, { d: 2 }], b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
