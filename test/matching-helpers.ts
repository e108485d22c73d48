/** Helpers for matching, notification and saved-search tests. */
import { expect } from 'vitest';
import { recordingDb as recordWith, type BenchStatement } from '../src/http/middleware/bench-metrics';
import { call, createHub, db, signup, type Session } from './helpers';

// Hubs at real distances: Ghent → Kortrijk about 43 km, Ghent → Brussels about 51 km, Ghent → Leuven about 74 km.
export const PLACES = {
  ghent: { lat: 51.0543, lon: 3.7174, city: 'Ghent' },
  kortrijk: { lat: 50.8279, lon: 3.2649, city: 'Kortrijk' },
  brussels: { lat: 50.8503, lon: 4.3517, city: 'Brussels' },
  leuven: { lat: 50.8798, lon: 4.7005, city: 'Leuven' },
} as const;

export type Place = keyof typeof PLACES;

let areas = 0;

/**
 * A separate region for one test: the same places shifted east by 6° of longitude (over 400 km),
 * so tests sharing a file's database never match each other's listings. Distances are unchanged.
 */
export function newArea() {
  const shift = 6 * areas++;
  /** A person with a hub at a place of this region. */
  return async function makerAt(place: Place, locale: 'nl' | 'fr' | 'en' = 'en') {
    const person = await signup({ locale });
    const p = PLACES[place];
    const hub = await createHub(person.session, { ...p, lon: p.lon + shift });
    return { ...person, hub };
  };
}

export const SHEETS = {
  kind: 'offcut',
  title: 'Birch plywood 18 mm sheets',
  description: 'Left from a shop fit-out',
  category: 'birch-plywood',
  quantity: 12,
  unit: 'sheets',
  lengthMm: 600,
  widthMm: 400,
  thicknessMm: 18,
  condition: 'good',
} as const;

export const PARTS_REQUEST = {
  title: 'Plywood for 40 stool seats',
  description: 'Seats of 300 × 200 mm',
  category: 'plywood',
  quantity: 40,
  unit: 'pieces',
  minLengthMm: 300,
  minWidthMm: 200,
  minThicknessMm: 18,
  fetchRadiusKm: 60,
} as const;

export async function newListing(session: Session, hub: string, overrides: Record<string, unknown> = {}) {
  const res = await call('/listings', { session, body: { ...SHEETS, hub, ...overrides } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; title: string };
}

export async function newRequest(session: Session, hub: string, overrides: Record<string, unknown> = {}) {
  const res = await call('/requests', { session, body: { ...PARTS_REQUEST, hub, ...overrides } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; title: string };
}

export type MatchDbRow = { id: number; listing_id: number; request_id: number; state: string; score: number };

export async function matchRow(listingId: number, requestId: number): Promise<MatchDbRow | null> {
  return db
    .prepare(
      'SELECT id, listing_id, request_id, state, score FROM matches WHERE listing_id = ?1 AND request_id = ?2',
    )
    .bind(listingId, requestId)
    .first<MatchDbRow>();
}

export async function notificationsOf(userId: number) {
  const { results } = await db
    .prepare(
      'SELECT id, kind, dedupe_key, payload, read_at, emailed_at FROM notifications WHERE user_id = ?1 ORDER BY id',
    )
    .bind(userId)
    .all<{
      id: number;
      kind: string;
      dedupe_key: string;
      payload: string;
      read_at: string | null;
      emailed_at: string | null;
    }>();
  return results;
}

export async function outboxOf(userId: number) {
  const { results } = await db
    .prepare(
      'SELECT id, to_address, subject, body, locale, status, attempts FROM email_outbox WHERE user_id = ?1 ORDER BY id',
    )
    .bind(userId)
    .all<{
      id: number;
      to_address: string;
      subject: string;
      body: string;
      locale: string;
      status: string;
      attempts: number;
    }>();
  return results;
}

/** The use-case dependencies with a fixed clock, for calling jobs directly. */
export function fixedDeps(iso: string) {
  return { db, now: () => new Date(iso), baseUrl: 'http://127.0.0.1:8787' };
}

/** One statement a recorded database ran, with D1's rows read and the rows it returned (summed
 * over its executions when the same SQL ran more than once). */
/** A statement's SQL and its figures, summed over the `n` times that same SQL ran. */
export type RecordedStatement = {
  sql: string;
  binds: unknown[];
  rowsRead: number;
  returned: number;
  n: number;
};

/**
 * Wraps the test database with the benchmark's own recorder (src/http/middleware/bench-metrics.ts)
 * so that every statement run through it, alone or in a batch, is logged with its parameters and
 * D1's meta.rows_read: what matching reads, measured, not assumed.
 */
export function recordingDb(real: D1Database = db) {
  const statements = new Map<string, BenchStatement>();
  const trips = { n: 0 };
  return {
    db: recordWith(real, statements, trips),
    /** Calls to D1: a batch of several statements is one. */
    get trips(): number {
      return trips.n;
    },
    get log(): RecordedStatement[] {
      return [...statements.values()].map((s) => ({
        sql: s.sql,
        binds: s.params,
        rowsRead: s.rowsRead,
        returned: s.rowsReturned,
        n: s.n,
      }));
    },
  };
}
