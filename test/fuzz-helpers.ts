/**
 * Helpers of the evidence tests (fuzzing, authorization matrix): the app called in-process, the
 * OpenAPI document as a route list, the one error envelope, and a fingerprint of the database.
 */
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { createApp } from '../src/app';
import { ZErrorBody } from '../src/shared/common.schemas';
import { db, ORIGIN, type Session } from './helpers';

const app = createApp();
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

/** One request straight into the Hono app (no Worker round trip): much faster for thousands. */
export async function fetchApp(path: string, init: RequestInit = {}): Promise<Response> {
  return app.fetch(new Request(`${ORIGIN}/api/v1${path}`, init), env, ctx);
}

export type Op = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The request body's media type, if any. */
  media: string | null;
  /** The JSON body's schema (resolved), if any. */
  bodySchema: JsonSchema | null;
  /** The path parameters' names, in order. */
  params: string[];
  /** Query parameters with their schema. */
  query: { name: string; schema: JsonSchema; required: boolean }[];
};

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  const?: unknown;
  default?: unknown;
};

type OpenApiDoc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** Every operation the OpenAPI document declares (the document is checked elsewhere to cover every served route). */
export async function loadOps(): Promise<Op[]> {
  const res = await fetchApp('/openapi.json');
  const doc = (await res.json()) as OpenApiDoc;
  const resolve = (s: JsonSchema | undefined, depth = 0): JsonSchema | null => {
    if (!s) return null;
    if (s.$ref && depth < 10) {
      const name = s.$ref.replace('#/components/schemas/', '');
      return resolve(doc.components?.schemas?.[name], depth + 1);
    }
    return s;
  };
  const ops: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase() as Op['method'];
      const content = op.requestBody?.content ?? {};
      const media = Object.keys(content)[0] ?? null;
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {}, required: !!p.required }));
      const bodySchema = media === 'application/json' ? resolve(content[media]!.schema) : null;
      ops.push({ method, path, media, bodySchema, params, query });
    }
  }
  return ops;
}

/** The properties an object schema accepts (through allOf/anyOf wrappers). */
export function propertiesOf(s: JsonSchema | null): Record<string, JsonSchema> {
  if (!s) return {};
  const own = s.properties ?? {};
  const nested = [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])].map(propertiesOf);
  return Object.assign({}, ...nested, own) as Record<string, JsonSchema>;
}

/** Asserts a response is not a 5xx and, when it is an error, that it is the one envelope. */
export async function expectNoServerErrorAndEnvelope(res: Response, label: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${label} -> ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${label} -> ${res.status} is not JSON: ${text.slice(0, 200)}`);
    }
    const body = ZErrorBody.safeParse(parsed);
    expect(body.success, `${label} -> ${res.status} not the error envelope: ${text.slice(0, 300)}`).toBe(
      true,
    );
    expect(body.data!.error.requestId, label).toBe(res.headers.get('x-request-id'));
  }
}

/** Tables whose rows a denied request must leave alone (every table but SQLite/D1 bookkeeping and FTS shadows). */
export async function dataTables(): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'
         AND name NOT LIKE '%_fts%' ORDER BY name`,
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Row count and a checksum of every row, per table: equal fingerprints mean nothing changed. */
export async function fingerprint(tables: string[]): Promise<Record<string, string>> {
  const results = await db.batch(tables.map((t) => db.prepare(`SELECT * FROM "${t}"`)));
  const out: Record<string, string> = {};
  tables.forEach((t, i) => {
    // Sorted in JS: some tables are WITHOUT ROWID, and scan order is not a promise.
    const rows = results[i]!.results.map((r) => JSON.stringify(r)).sort();
    out[t] = `${rows.length}:${fnv1a(rows.join('\n'))}`;
  });
  return out;
}

/** Request init for a JSON call as the web app makes it (same Origin, session cookie). */
export function jsonInit(method: string, body: unknown, session?: Session | null): RequestInit {
  const headers: Record<string, string> = { 'accept-language': 'en', origin: ORIGIN };
  if (session?.cookie) headers.cookie = session.cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
