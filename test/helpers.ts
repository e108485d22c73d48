/** Test helpers: call the Worker as a browser would, and read what the database holds. */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { z } from 'zod';
import { type TMe } from '../src/shared/accounts.schemas';
import { ZErrorBody, type TErrorBody } from '../src/shared/common.schemas';
import { dispatchPendingEvents } from '../src/events';
import { unsettledEvents } from '../src/modules/events/events.service';

export const ORIGIN = 'http://127.0.0.1:8787';
export const db = env.DB;

export type Session = { cookie: string | null };

type CallOptions = {
  method?: string;
  body?: unknown;
  form?: FormData;
  session?: Session;
  headers?: Record<string, string>;
  /** Leave out the Origin header, as a cross-site form or a script elsewhere would. */
  noOrigin?: boolean;
  /** Answer at once, without waiting for the change's events to reach their subscribers. */
  unsettled?: boolean;
};

/** One request to the API at /api/v1 + path. */
export async function call(path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': 'en', ...o.headers };
  const method = o.method ?? (o.body !== undefined || o.form ? 'POST' : 'GET');
  if (!o.noOrigin && method !== 'GET') headers.origin ??= ORIGIN;
  if (o.session?.cookie) headers.cookie = o.session.cookie;
  let body: BodyInit | undefined;
  if (o.form) body = o.form;
  else if (o.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  }
  const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1${path}`, { method, headers, body }));
  // What the change set off (matching, notifications) runs after the answer: tests see the settled state.
  if (method !== 'GET' && !o.unsettled) await settleEvents();
  return res;
}

/**
 * Waits until every recorded event reached its subscribers (dispatching them here too, so it does
 * not depend on the after-response dispatch being quick). Gives up after ~20 s of no progress.
 */
export async function settleEvents(): Promise<void> {
  const deps = { db, now: () => new Date(), baseUrl: ORIGIN };
  for (let i = 0; i < 1000; i++) {
    await dispatchPendingEvents(deps);
    const left = await db
      .prepare(
        'SELECT count(*) AS n FROM events WHERE done_at IS NULL AND failed_at IS NULL AND last_error IS NULL',
      )
      .first<{ n: number }>();
    if (!left?.n) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`events did not settle: ${await unsettledEvents(deps)} left`);
}

/** Parses a response with the route's own schema, after checking its status. */
export async function expectJson<S extends z.ZodType>(
  res: Response,
  status: number,
  schema: S,
): Promise<z.output<S>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}

/** Checks an error response: status, code, the one envelope, and (optionally) the fields it names. */
export async function expectError(
  res: Response,
  status: number,
  code: string,
  fields?: string[],
): Promise<TErrorBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ZErrorBody.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  if (fields) expect(body.error.details?.fields?.map((f) => f.path).sort()).toEqual([...fields].sort());
  return body;
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Signs a new person up and returns their session. */
export async function signup(
  overrides: { email?: string; displayName?: string; locale?: 'nl' | 'fr' | 'en' } = {},
) {
  const email = overrides.email ?? `maker-${unique()}@example.org`;
  const res = await call('/auth/signup', {
    body: {
      email,
      password: 'correct horse battery',
      displayName: overrides.displayName ?? 'Test Maker',
      locale: overrides.locale ?? 'en',
    },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? null;
  const me = (await res.json()) as TMe;
  return { session: { cookie } as Session, me, email };
}

export const HUB_DEFAULTS = {
  name: 'Test Lab',
  city: 'Ghent',
  country: 'BE',
  kind: 'fab_lab',
  lat: 51.0543,
  lon: 3.7174,
} as const;

/** Creates a hub managed by the session's person. */
export async function createHub(session: Session, overrides: Record<string, unknown> = {}) {
  const slug = (overrides.slug as string) ?? `lab-${unique()}`;
  const res = await call('/hubs', { session, body: { ...HUB_DEFAULTS, slug, ...overrides } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { slug: string; name: string };
}

/** A person with a hub of their own: the usual starting point of a test. */
export async function makerWithHub(overrides: Record<string, unknown> = {}) {
  const person = await signup();
  const hub = await createHub(person.session, overrides);
  return { ...person, hub };
}

export const LISTING = {
  kind: 'offcut',
  title: 'Birch plywood offcuts 18 mm',
  description: 'Clean sheets from the workbench build',
  category: 'birch-plywood',
  quantity: 12,
  unit: 'sheets',
  lengthMm: 600,
  widthMm: 400,
  thicknessMm: 18,
  condition: 'good',
} as const;

export async function createListing(session: Session, hub: string, overrides: Record<string, unknown> = {}) {
  const res = await call('/listings', { session, body: { ...LISTING, hub, ...overrides } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; title: string };
}

/** Adds an existing person to a hub through an invite, as a manager would. */
export async function invite(
  manager: Session,
  hub: string,
  person: Session,
  role: 'member' | 'manager' = 'member',
) {
  const res = await call(`/hubs/${hub}/invites`, { session: manager, body: { role } });
  expect(res.status).toBe(201);
  const { token } = (await res.json()) as { token: string };
  const accepted = await call(`/invites/${token}/accept`, { session: person, method: 'POST' });
  expect(accepted.status).toBe(200);
}

export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await db
    .prepare(sql)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

// Smallest valid image headers, to exercise content checks without real pictures.
export const PNG_BYTES = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
  1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);
export const JPEG_BYTES = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9,
]);

export function photoForm(bytes: Uint8Array, name = 'photo.png', type = 'image/png'): FormData {
  const form = new FormData();
  form.append('photo', new File([bytes], name, { type }));
  return form;
}
