/**
 * The OpenAPI document as a stranger builds on it. The routes describe themselves (zod, in each
 * module); this file adds what holds for every route and is decided in one place: how to sign in
 * (a cookie security scheme, and which operations need it), the Origin rule, an operationId on
 * every operation, named component schemas, the error codes as an enum, the headers the API reads
 * and writes, timestamps as `date-time`, the rules the server enforces, and the 400/403/415
 * answers every JSON write can give. The same `requiresSession` decides both the document's
 * `security` and the 401 an anonymous write gets before its body is read (see `sessionFirst`).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import type { AppEnv } from '../env';
import { ZExchange, ZExchangeDetail, ZFlow } from '../shared/exchanges.schemas';
import { ERRORS } from '../shared/errors';
import { ZMachine, ZBooking } from '../shared/machines.schemas';
import { ZListingMatch, ZRequestMatch } from '../shared/matching.schemas';
import { ZNotification } from '../shared/notifications.schemas';
import { ZPerson, ZUser } from '../shared/accounts.schemas';
import { ZErrorBody } from '../shared/common.schemas';
import { ZHub, ZHubSummary, ZMember } from '../shared/hubs.schemas';
import { ZListing } from '../shared/listings.schemas';
import { ZPhoto } from '../shared/photos.schemas';
import { ZRequest } from '../shared/requests.schemas';
import { ZStream } from '../shared/streams.schemas';
import { ApiError } from './errors';
import { BOOKMARK_COOKIE, BOOKMARK_HEADER } from './middleware/d1-session';
import { SESSION_COOKIE } from './middleware/session';

type Json = Record<string, unknown>;
type Operation = Json & {
  operationId?: string;
  description?: string;
  parameters?: Json[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses: Record<string, Json>;
  security?: Record<string, string[]>[];
};
type Doc = Json & { paths: Record<string, Record<string, Operation>>; components?: Json };

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

/** The main objects, named in `components.schemas` and referred to wherever a route uses them. */
const NAMED: Record<string, z.ZodType> = {
  Error: ZErrorBody,
  Listing: ZListing,
  Request: ZRequest,
  Hub: ZHub,
  HubSummary: ZHubSummary,
  Exchange: ZExchange,
  ExchangeDetail: ZExchangeDetail,
  Flow: ZFlow,
  RequestMatch: ZRequestMatch,
  ListingMatch: ZListingMatch,
  Machine: ZMachine,
  Booking: ZBooking,
  Stream: ZStream,
  Notification: ZNotification,
  Member: ZMember,
  User: ZUser,
  Photo: ZPhoto,
  Person: ZPerson,
};

/** Operations that answer 401 for something else than a missing session (wrong password). */
const ANONYMOUS_WITH_401 = new Set(['post /auth/login']);

/** Whether an operation needs a signed-in person: it documents 401, and 401 means "sign in". */
export function requiresSession(method: string, path: string, responses: Record<string | number, unknown>) {
  return '401' in responses && !ANONYMOUS_WITH_401.has(`${method.toLowerCase()} ${path}`);
}

/** Rules the server enforces on a field wherever it is sent, said in the document too. */
const FIELD_RULES: Record<string, { description: string; multipleOf?: number }> = {
  quantity: { description: 'At most three decimals (kept as thousandths of the unit).' },
  timezone: { description: 'An IANA time-zone name, e.g. Europe/Brussels.' },
  slotMinutes: { description: 'A multiple of 15 minutes.', multipleOf: 15 },
  priceCents: { description: 'Required when priceType is amount; only then allowed.' },
  unit: { description: 'Machine time (kind machine_time) is counted in hours.' },
  availableUntil: { description: 'On or after availableFrom.' },
  end: { description: 'After start.' },
  endDate: {
    description:
      'On or after startDate. A stream ends by endDate or by a number of occurrences: one of the two.',
  },
  occurrences: { description: 'A stream ends by endDate or by a number of occurrences: one of the two.' },
  dayOfMonth: { description: 'Only for monthly streams.' },
  endsAt: { description: 'After startsAt.' },
  ids: { description: 'Either ids or all: exactly one of the two.' },
  all: { description: 'Either ids or all: exactly one of the two.' },
  radiusKm: { description: 'Only together with hub (distance is measured from that hub).' },
  to: { description: 'On or after from.' },
};

/** Request headers the API reads, and the operations that read them. */
const IDEMPOTENCY_HEADER = 'idempotency-key';

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

const HEADERS = {
  setCookie: header(
    `The session cookie \`${SESSION_COOKIE}\` (HttpOnly, SameSite=Lax, Secure outside localhost), or its removal on signing out; send it back on every call.`,
  ),
  retryAfter: header('Seconds to wait before trying again.', { type: 'integer', minimum: 1 }),
  replayed: header(
    'true when this is the stored answer to an earlier request with the same Idempotency-Key and body.',
    { type: 'string', enum: ['true'] },
  ),
  etag: header('The version of the bytes; send it as If-None-Match to get 304 while it holds.'),
  bookmark: header(
    'The newest D1 bookmark this answer was read or written at. Send it back as the ' +
      `\`${BOOKMARK_HEADER}\` request header on the next read to see your own writes from a read ` +
      `replica. Answers to writes also set it in the cookie \`${BOOKMARK_COOKIE}\` (HttpOnly, path /api/), ` +
      'so a browser needs to do nothing.',
    { type: 'string', pattern: '^[0-9a-fA-F]{1,64}(-[0-9a-fA-F]{1,64}){0,7}$' },
  ),
};

/** Reads only: where a read replica must have caught up to (writes always go to the primary). */
const BOOKMARK_PARAMETER = {
  name: BOOKMARK_HEADER,
  in: 'header',
  required: false,
  description:
    `The \`${BOOKMARK_HEADER}\` of an earlier answer (else the \`${BOOKMARK_COOKIE}\` cookie is used): ` +
    'the read is answered from a copy of the database at least that new, so it sees the writes behind ' +
    'that answer. Anything that is not a bookmark is ignored.',
  schema: { type: 'string', maxLength: 256 },
};
const BOOKMARK_REF = { $ref: `#/components/headers/${BOOKMARK_HEADER}` };

const ORIGIN_PARAMETER = {
  name: 'Origin',
  in: 'header',
  required: true,
  description:
    'This site’s origin (or one in ALLOWED_ORIGINS): every unsafe method needs it, against cross-site ' +
    'requests. Browsers send it themselves; other clients set it. Missing or foreign: 403 CSRF_FAILED.',
  schema: { type: 'string', format: 'uri', examples: ['http://127.0.0.1:8787'] },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Json).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

/** Replaces every inline copy of a named schema by a reference to it. */
function referNamed(doc: Doc, names: string[]) {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Json>;
  const byShape = new Map(names.filter((n) => schemas[n]).map((n) => [canonical(schemas[n]), n]));
  const walk = (node: unknown, self?: string): unknown => {
    if (Array.isArray(node)) return node.map((x) => walk(x));
    if (!node || typeof node !== 'object') return node;
    const name = byShape.get(canonical(node));
    if (name && name !== self) return { $ref: `#/components/schemas/${name}` };
    return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, walk(v)]));
  };
  for (const n of names) if (schemas[n]) schemas[n] = walk(schemas[n], n) as Json;
  doc.paths = walk(doc.paths) as Doc['paths'];
}

/** Every schema object under `node`, with the property name it sits under. */
function eachSchema(node: unknown, visit: (schema: Json, property?: string) => void, property?: string) {
  if (Array.isArray(node)) return node.forEach((x) => eachSchema(x, visit));
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  if ('type' in obj || 'anyOf' in obj || 'enum' in obj) visit(obj, property);
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'properties' && v && typeof v === 'object')
      for (const [p, s] of Object.entries(v as Json)) eachSchema(s, visit, p);
    else eachSchema(v, visit);
  }
}

const isTimestampName = (p?: string) => p !== undefined && (p === 'at' || /[a-z]At$/.test(p));

function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(\w+)\}$/.exec(seg);
      const word = (param ? `by-${param[1]}` : seg).replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string = '') =>
        ch.toUpperCase(),
      );
      return word.charAt(0).toUpperCase() + word.slice(1);
    });
  return method.toLowerCase() + words.join('');
}

/** The document, generated once per isolate; `origin` fills in the absolute server URL. */
export function contractDocument(api: OpenAPIHono<AppEnv>): Doc {
  for (const [name, schema] of Object.entries(NAMED)) api.openAPIRegistry.register(name, schema);
  const doc = api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Omloop API',
      version: '1.0.0',
      description:
        'Circular-materials exchange between makers’ hubs. JSON over HTTPS.\n\n' +
        `**Signing in**: \`POST /auth/login\` (or \`/auth/signup\`) sets the session cookie \`${SESSION_COOKIE}\`; ` +
        'operations with the `session` security requirement answer 401 without it, before reading the body. ' +
        'Operations that list both an empty requirement and `session` answer anyone, and a little more to a ' +
        'signed-in person (e.g. `canEdit`).\n\n' +
        '**Origin**: every POST, PUT, PATCH and DELETE must carry an `Origin` header naming this site ' +
        '(browsers do so themselves); without it the answer is 403 `CSRF_FAILED`.\n\n' +
        '**Errors**: every error is `{ "error": { "code", "message", "requestId", "details"? } }`; `code` is one ' +
        'of the enum of the `Error` schema, `message` follows Accept-Language (nl, fr, en). Validation failures ' +
        'are 422 with `details.fields[]` naming each field. A JSON body that is not JSON is 400 ' +
        '`MALFORMED_JSON`; a body of another content type is 415 `UNSUPPORTED_CONTENT_TYPE`.\n\n' +
        '**Server**: the API lives under `/api/v1` of the host that serves this document ' +
        '(locally http://127.0.0.1:8787/api/v1). Every answer carries `X-Request-Id`.\n\n' +
        `**Reading your own writes**: every answer carries \`${BOOKMARK_HEADER}\`; send the last one you got ` +
        'back on a GET and a read replica answers only once it holds your writes (browsers get the same ' +
        `through the \`${BOOKMARK_COOKIE}\` cookie set by each write).`,
    },
    servers: [{ url: '/api/v1', description: 'The host serving this document, path /api/v1' }],
  }) as unknown as Doc;

  referNamed(doc, Object.keys(NAMED));
  const components = (doc.components ??= {}) as Json & { schemas: Record<string, Json> };
  components.securitySchemes = {
    session: {
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
      description: 'The session cookie set by POST /auth/login or /auth/signup.',
    },
  };
  const error = components.schemas.Error as { properties: { error: { properties: Json } } };
  error.properties.error.properties.code = {
    type: 'string',
    enum: Object.keys(ERRORS).sort(),
    description: 'What went wrong; each code has one HTTP status.',
  };
  components.headers = {
    'Set-Cookie': HEADERS.setCookie,
    'Retry-After': HEADERS.retryAfter,
    'Idempotent-Replayed': HEADERS.replayed,
    ETag: HEADERS.etag,
    [BOOKMARK_HEADER]: HEADERS.bookmark,
  };

  const ids = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      let id = operationIdOf(method, path);
      while (ids.has(id)) id += 'Again';
      ids.add(id);
      op.operationId = id;
      op.security = requiresSession(method, path, op.responses) ? [{ session: [] }] : [{}, { session: [] }];

      const params = (op.parameters ??= []);
      if (UNSAFE.has(method)) {
        params.push(ORIGIN_PARAMETER);
        op.responses['403'] ??= errorResponse('Not allowed, or no Origin of this site (CSRF_FAILED)');
      }
      const idem = params.find((p) => p.name === IDEMPOTENCY_HEADER);
      if (idem) {
        idem.name = 'Idempotency-Key';
        for (const [status, res] of Object.entries(op.responses))
          if (status.startsWith('2'))
            res.headers = { 'Idempotent-Replayed': { $ref: '#/components/headers/Idempotent-Replayed' } };
        op.responses['409'] ??= errorResponse('Conflicts with the current state');
        op.responses['409'].headers = {
          'Retry-After': { $ref: '#/components/headers/Retry-After' },
        };
      }

      const body = op.requestBody;
      const jsonBody = body?.content?.['application/json'];
      if (jsonBody) {
        op.responses['400'] ??= errorResponse('The body is not JSON (MALFORMED_JSON)');
        op.responses['415'] ??= errorResponse('The body is not application/json (UNSUPPORTED_CONTENT_TYPE)');
        // A body whose schema asks for nothing may be left out: the server reads none as {}.
        const required = (jsonBody.schema as { required?: unknown[] } | undefined)?.required;
        if (body && (!required || required.length === 0)) body.required = false;
      }
      if (body?.content?.['multipart/form-data'])
        op.responses['415'] ??= errorResponse('Not a JPEG, PNG or WebP image');

      // Signing up or in sets the session cookie; signing out (here or everywhere) clears it.
      if (
        (path.startsWith('/auth/') && method === 'post') ||
        (path === '/me/sessions' && method === 'delete')
      ) {
        for (const [status, res] of Object.entries(op.responses))
          if (status.startsWith('2'))
            res.headers = { 'Set-Cookie': { $ref: '#/components/headers/Set-Cookie' } };
      }
      if (op.responses['429'])
        op.responses['429'].headers = { 'Retry-After': { $ref: '#/components/headers/Retry-After' } };
      const image = op.responses['200']?.content as Json | undefined;
      if (image && 'image/*' in image)
        op.responses['200']!.headers = { ETag: { $ref: '#/components/headers/ETag' } };

      // Every answer carries the D1 session's bookmark; a read may send one back.
      if (method === 'get') params.push(BOOKMARK_PARAMETER);
      for (const res of Object.values(op.responses))
        res.headers = { ...(res.headers as Json), [BOOKMARK_HEADER]: BOOKMARK_REF };
    }
  }

  // Timestamps are RFC 3339 date-times; fields enforced by cross-field rules say so.
  const inRequests = new WeakSet<object>();
  for (const ops of Object.values(doc.paths))
    for (const op of Object.values(ops)) {
      eachSchema(op.requestBody, (s) => inRequests.add(s));
      eachSchema(op.parameters, (s) => inRequests.add(s));
    }
  const annotate = (schema: Json, property?: string) => {
    const types = ([] as unknown[]).concat(schema.type ?? []);
    if (isTimestampName(property) && types.includes('string') && !schema.format) schema.format = 'date-time';
    const rule = property ? FIELD_RULES[property] : undefined;
    if (rule && inRequests.has(schema)) {
      schema.description = [schema.description, rule.description].filter(Boolean).join(' ');
      if (rule.multipleOf) schema.multipleOf = rule.multipleOf;
    }
  };
  eachSchema(doc.paths, annotate);
  eachSchema(components.schemas, annotate);
  return doc;
}

/**
 * Refuses an anonymous write before its body is validated: a stranger learns "sign in", not the
 * fields the operation takes. The operations are those whose document says they need a session.
 */
export function sessionFirst(api: OpenAPIHono<AppEnv>, prefix: string) {
  const guarded: { method: string; pattern: RegExp }[] = [];
  for (const def of api.openAPIRegistry.definitions) {
    if (def.type !== 'route') continue;
    const { method, path, responses } = def.route;
    if (!UNSAFE.has(method) || !requiresSession(method, path, responses)) continue;
    const pattern = new RegExp(`^${prefix}${path.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
    guarded.push({ method: method.toUpperCase(), pattern });
  }
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get('user') && guarded.some((g) => g.method === c.req.method && g.pattern.test(c.req.path)))
      throw new ApiError('UNAUTHENTICATED');
    await next();
  });
}
