/**
 * Generated bad input against every route of the OpenAPI document: wrong types, missing and extra
 * fields, huge strings, unicode, negative and enormous numbers, bad dates, FTS syntax, path
 * traversal, broken JSON and wrong content types. No answer may be a 5xx; every error is the one
 * envelope. Fixed seed, so a failure replays; the app is called in-process for speed.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createListing, makerWithHub, ORIGIN, PNG_BYTES, type Session } from '../helpers';
import { createMachine, createTraining } from '../machines-helpers';
import { createStream } from '../streams-helpers';
import { createNetwork } from '../impact-helpers';
import { expectNoServerErrorAndEnvelope, fetchApp, loadOps, type JsonSchema, type Op } from '../fuzz-helpers';

const SEED = 20260301;
const TOTAL_RUNS = 10_400;

/** Strings that have broken parsers, SQL and FTS before. */
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  'null',
  'true',
  '[]',
  '{}',
  '../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f',
  '%00',
  '\u0000',
  "' OR 1=1 --",
  '"; DROP TABLE listings; --',
  '"unterminated',
  'birch*',
  '*',
  'NEAR(a b',
  'a AND OR NOT b',
  '^',
  '(',
  ')',
  'title:birch',
  '-',
  'x'.repeat(5000),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🪵🪚',
  'e\u0301\u200b\u202e',
  '\ud800',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00T25:61:61Z',
  '2026-03-01T10:00:00',
  '9999-12-31T23:59:59.999Z',
  '-271821-04-20T00:00:00Z',
  'Europe/Atlantis',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
];
const NUMBERS = [
  0,
  -1,
  -0,
  1,
  0.5,
  -1e9,
  1e9,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  Number.MAX_SAFE_INTEGER,
  3.14159,
];

const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 70_000 }).map((n) => 'é'.repeat(n)),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, nastyNumber), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'a', 'constructor', 'id'), nastyString, { maxKeys: 3 }),
);

/** A value that fits the schema often enough to get past validation, and is junk the rest of the time. */
function valueFor(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return junk;
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (alts.length) return fc.oneof(...alts.map((a) => valueFor(a, depth + 1)), junk);
  if (s.enum?.length)
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...s.enum) }, { weight: 1, arbitrary: junk });
  if (s.const !== undefined) return fc.oneof(fc.constant(s.const), junk);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  let good: fc.Arbitrary<unknown>;
  switch (type) {
    case 'string':
      good =
        s.format === 'email'
          ? fc.emailAddress()
          : s.format === 'date-time'
            ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
            : s.format === 'date'
              ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
              : fc.oneof(
                  fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) }),
                  nastyString,
                );
      break;
    case 'integer':
      good = fc.oneof(fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }), nastyNumber);
      break;
    case 'number':
      good = fc.oneof(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }), nastyNumber);
      break;
    case 'boolean':
      good = fc.boolean();
      break;
    case 'array':
      good = fc.array(valueFor(s.items, depth + 1), { maxLength: 5 });
      break;
    case 'object':
      good = objectFor(s, depth + 1);
      break;
    default:
      good = junk;
  }
  return fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
}

/** An object with some of its fields (required ones sometimes missing), sometimes an extra one. */
function objectFor(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  const fields = fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(props[k], depth)])), {
    requiredKeys: [],
  });
  const extra = fc.option(
    fc.tuple(
      fc.constantFrom('id', 'hubId', 'authorId', 'state', 'createdAt', 'role', '__proto__', 'x'),
      junk,
    ),
    { freq: 4 },
  );
  return fc.tuple(fields, extra).map(([f, e]) => (e ? { ...f, [e[0]]: e[1] } : f) as Record<string, unknown>);
}

type Fixture = { session: Session; slugs: string[]; ids: string[] };
let fx: Fixture;
let ops: Op[];

/** Path parameter values: real ones (so handlers run deep), and traversal, overflow and junk. */
const paramValue = () =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...fx.slugs, ...fx.ids) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY.filter((s) => s.length < 200)) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  );

type Generated = {
  params: string[];
  query: [string, string][];
  body: unknown;
  encoding: 'json' | 'rawText' | 'brokenJson' | 'textPlain' | 'form' | 'multipart' | 'none' | 'huge';
  signedIn: boolean;
};

function requestFor(op: Op): fc.Arbitrary<Generated> {
  const queryParam = fc.oneof(
    ...(op.query.length
      ? [
          fc.constantFrom(...op.query).chain((q) =>
            fc.tuple(
              fc.constant(q.name),
              valueFor(q.schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
            ),
          ),
        ]
      : []),
    fc.tuple(fc.constantFrom('q', 'near', 'limit', 'cursor', 'x', 'sort'), nastyString),
  );
  return fc.record({
    params: fc.array(paramValue(), { minLength: op.params.length, maxLength: op.params.length }),
    query: fc.array(queryParam, { maxLength: 4 }),
    body: op.bodySchema ? valueFor(op.bodySchema) : junk,
    encoding: fc.constantFrom<Generated['encoding']>(
      'json',
      'json',
      'json',
      'rawText',
      'brokenJson',
      'textPlain',
      'form',
      'multipart',
      'none',
      'huge',
    ),
    signedIn: fc.boolean(),
  });
}

/** Any generated value as text (objects may have no prototype, so no String()). */
const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** Percent-encodes a path segment; a lone surrogate becomes bytes that are not UTF-8 at all. */
function encodeParam(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80%FF';
  }
}

function buildRequest(op: Op, g: Generated): { path: string; init: RequestInit } {
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => encodeParam(g.params[i++] ?? ''));
  const qs = new URLSearchParams(g.query).toString();
  const headers: Record<string, string> = { 'accept-language': 'en', origin: ORIGIN };
  // Signing out everywhere would end the shared session: those two routes are fuzzed signed out.
  const endsSession = op.path === '/auth/logout' || op.path === '/me/sessions';
  if (g.signedIn && !endsSession && fx.session.cookie) headers.cookie = fx.session.cookie;
  const init: RequestInit = { method: op.method, headers };
  if (op.method !== 'GET') {
    switch (g.encoding) {
      case 'json':
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(g.body) ?? 'null';
        break;
      case 'rawText':
        headers['content-type'] = 'application/json';
        init.body = text(g.body);
        break;
      case 'brokenJson':
        headers['content-type'] = 'application/json';
        init.body = (JSON.stringify(g.body) ?? '{').slice(0, -1) + ',';
        break;
      case 'textPlain':
        headers['content-type'] = 'text/plain';
        init.body = JSON.stringify(g.body) ?? '';
        break;
      case 'form':
        headers['content-type'] = 'application/x-www-form-urlencoded';
        init.body = new URLSearchParams({ a: text(g.body) }).toString();
        break;
      case 'multipart': {
        const form = new FormData();
        form.append(
          'photo',
          new File([PNG_BYTES.slice(0, (g.params.length * 7) % PNG_BYTES.length)], 'a.png'),
        );
        form.append('json', JSON.stringify(g.body) ?? '');
        init.body = form;
        break;
      }
      case 'huge':
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify({ title: 'x'.repeat(300_000), body: g.body });
        break;
      case 'none':
        break;
    }
  }
  return { path: `${path}${qs ? `?${qs}` : ''}`, init };
}

beforeAll(async () => {
  const owner = await makerWithHub();
  const listing = await createListing(owner.session, owner.hub.slug);
  const request = await call('/requests', {
    session: owner.session,
    body: {
      hub: owner.hub.slug,
      title: 'Birch wanted',
      category: 'birch-plywood',
      quantity: 2,
      unit: 'sheets',
    },
  });
  const machine = await createMachine(owner.session, owner.hub.slug);
  // A machine that needs a training, so requests for it reach the database.
  const training = await createTraining(owner.session, owner.hub.slug);
  const trained = await createMachine(owner.session, owner.hub.slug, { requiredTrainingId: training.id });
  const stream = await createStream(owner.session, owner.hub.slug);
  const network = await createNetwork(owner.session);
  fx = {
    session: owner.session,
    slugs: [owner.hub.slug, network.slug],
    ids: [
      String(listing.id),
      String(((await request.json()) as { id: number }).id),
      String(machine.id),
      String(trained.id),
      String(stream.id),
      '1',
      '2',
    ],
  };
  ops = await loadOps();
}, 60_000);

describe('fuzzing every route', () => {
  it(
    `answers ${TOTAL_RUNS.toLocaleString('en')} malformed requests without a 5xx, errors in the one envelope`,
    { timeout: 120_000 },
    async () => {
      expect(ops.length).toBeGreaterThan(50);
      const perOp = Math.ceil(TOTAL_RUNS / ops.length);
      let sent = 0;
      const byStatus = new Map<number, number>();
      for (const [index, op] of ops.entries()) {
        await fc.assert(
          fc.asyncProperty(requestFor(op), async (g) => {
            const { path, init } = buildRequest(op, g);
            const res = await fetchApp(path, init);
            sent++;
            byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
            await expectNoServerErrorAndEnvelope(res, `${op.method} ${path.slice(0, 200)} (${g.encoding})`);
          }),
          { seed: SEED + index, numRuns: perOp, endOnFailure: true },
        );
      }
      expect(sent).toBeGreaterThanOrEqual(10_000);
      // The generator must get past the front door often: many accepted and many validation answers.
      const share = (lo: number, hi: number) =>
        [...byStatus].filter(([s]) => s >= lo && s < hi).reduce((n, [, c]) => n + c, 0) / sent;
      console.log(
        'fuzz statuses',
        JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0]))),
      );
      expect(share(200, 300)).toBeGreaterThan(0.05);
      expect(share(422, 423)).toBeGreaterThan(0.1);
    },
  );
});
