/**
 * The contract holds on the wire: every GET operation of the served OpenAPI document is called
 * against a small network built through the API, and each answer must be one the document
 * describes for that status, its JSON body valid against the document's own schema (JSON Schema
 * 2020-12, formats included, references resolved in the document). Also: the security the
 * document states is the one the server applies (an anonymous write is 401 before its body is read).
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { actOk, claimOk, completedExchange, twoHubs } from '../exchanges-helpers';
import { addHub, createNetwork } from '../impact-helpers';
import { createMachine, createTraining, recordTraining } from '../machines-helpers';
import { BOOKMARK_HEADER } from '../../src/http/middleware/d1-session';
import { call, db, expectError, invite, photoForm, PNG_BYTES, signup, type Session } from '../helpers';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema?: Json }>; headers?: Json }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: Json };

let doc: Doc;
let session: Session;
let receiver: { session: Session; hub: string };
const ids: Record<string, string> = {};

/** The value of a path parameter, by the resource the path is about. */
function valueFor(path: string, name: string): string {
  const first = path.split('/')[1]!;
  if (name === 'slug') return first === 'networks' ? ids.network! : ids.hub!;
  if (name === 'id') {
    const byResource: Record<string, string | undefined> = {
      listings: ids.listing,
      photos: ids.photo,
      requests: ids.request,
      machines: ids.machine,
      exchanges: ids.exchange,
      streams: ids.stream,
      hubs: ids.import, // /hubs/{slug}/imports/{id}
    };
    return byResource[first]!;
  }
  const named: Record<string, string | undefined> = {
    photoId: ids.machinePhoto,
    outcomeId: ids.outcome,
    trainingId: ids.training,
    token: ids.invite,
    file: ids.calendar,
  };
  return named[name]!;
}

beforeAll(async () => {
  doc = (await (await call('/openapi.json')).json()) as Doc;

  // Giver G manages hub H, coordinates network N (H and the receiver's hub R), owns most things.
  const o = await twoHubs();
  session = o.giver.session;
  receiver = { session: o.receiver.session, hub: o.receiver.hub.slug };
  const hub = o.giver.hub.slug;
  ids.hub = hub;
  ids.listing = String(o.listingId);
  const network = await createNetwork(session);
  ids.network = network.slug;
  expect((await addHub(session, network.slug, hub)).status).toBe(200);
  expect((await addHub(session, network.slug, o.receiver.hub.slug)).status).toBe(200);
  expect((await addHub(o.receiver.session, network.slug, o.receiver.hub.slug)).status).toBe(200);

  const photo = await call(`/listings/${o.listingId}/photos`, { session, form: photoForm(PNG_BYTES) });
  ids.photo = String(((await photo.json()) as { id: number }).id);
  const request = await call('/requests', {
    session,
    body: { hub, title: 'Birch plywood wanted', category: 'birch-plywood', quantity: 2, unit: 'sheets' },
  });
  ids.request = String(((await request.json()) as { id: number }).id);

  const done = await completedExchange(o);
  ids.exchange = String(done.id);
  const withOutcome = await actOk(o.receiver.session, done.id, 'outcome', { body: 'Stools' });
  ids.outcome = String(withOutcome.outcomes[0]!.id);
  const outcomePhoto = await call(`/exchanges/${done.id}/outcomes/${ids.outcome}/photo`, {
    session: o.receiver.session,
    form: photoForm(PNG_BYTES),
  });
  expect(outcomePhoto.status).toBe(201);

  const machine = await createMachine(session, hub);
  ids.machine = String(machine.id);
  const machinePhoto = await call(`/machines/${machine.id}/photos`, { session, form: photoForm(PNG_BYTES) });
  ids.machinePhoto = String(((await machinePhoto.json()) as { id: number }).id);
  const member = await signup();
  await invite(session, hub, member.session);
  const training = await createTraining(session, hub);
  ids.training = String(training.id);
  await recordTraining(session, hub, training.id, member.email);

  const stream = await call(`/hubs/${hub}/streams`, {
    session,
    body: {
      kind: 'offcut',
      title: 'Birch offcuts every week',
      category: 'birch-plywood',
      quantity: 15,
      unit: 'kg',
      condition: 'good',
      repeats: 'weekly',
      occurrences: 4,
      startDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  expect(stream.status, await stream.clone().text()).toBe(201);
  ids.stream = String(((await stream.json()) as { id: number }).id);

  const imported = await call(`/hubs/${hub}/imports`, {
    session,
    body: {
      csv: 'kind,title,category,quantity,unit,condition\noffcut,Birch offcuts,birch-plywood,3,sheets,good\n',
      dryRun: false,
    },
  });
  expect(imported.status, await imported.clone().text()).toBe(201);
  ids.import = String(((await imported.json()) as { id: number }).id);

  const inviteRes = await call(`/hubs/${hub}/invites`, { session, body: { role: 'member' } });
  ids.invite = ((await inviteRes.json()) as { token: string }).token;
  const calendar = await call('/me/calendar-token', { session, method: 'POST' });
  ids.calendar = ((await calendar.json()) as { path: string }).path.split('/').pop()!;
  expect(await db.prepare('SELECT count(*) AS n FROM outcome_photos').first<{ n: number }>()).toEqual({
    n: 1,
  });
}, 120_000);

describe('the served OpenAPI document', () => {
  it('matches every GET answer, status and JSON body, on a real network', async () => {
    const gets = Object.entries(doc.paths).filter(([, ops]) => ops.get);
    expect(gets.length).toBeGreaterThanOrEqual(50);
    const headers = doc.components.headers as Record<string, { schema: { pattern: string } }>;
    const bookmarkPattern = new RegExp(headers[BOOKMARK_HEADER]!.schema.pattern);
    const checked: string[] = [];
    for (const [template, ops] of gets) {
      const op = ops.get!;
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const value = valueFor(template, name);
        expect(value, `${template}: no value for {${name}}`).toBeTruthy();
        return encodeURIComponent(value);
      });
      const res = await call(path, { session });
      const label = `GET ${template} -> ${res.status}`;
      expect(Object.keys(op.responses), label).toContain(String(res.status));
      if (res.status >= 400) expect.fail(`${label}: ${await res.text()}`);
      // The D1 bookmark: documented on the answer (and as a header a read may send), and as sent.
      expect(Object.keys(op.responses[String(res.status)]!.headers ?? {}), label).toContain(BOOKMARK_HEADER);
      expect(
        op.parameters?.some((p) => p.in === 'header' && p.name === BOOKMARK_HEADER),
        label,
      ).toBe(true);
      expect(res.headers.get(BOOKMARK_HEADER), label).toMatch(bookmarkPattern);
      const media = res.headers.get('content-type')?.split(';')[0] ?? '';
      const content = op.responses[String(res.status)]!.content ?? {};
      const declared = Object.keys(content).find(
        (m) => m === media || (m.endsWith('/*') && media.startsWith(m.slice(0, -1))),
      );
      expect(declared, `${label}: ${media} is not documented`).toBeTruthy();
      if (media !== 'application/json') continue;
      const schema = content[declared!]!.schema!;
      const validator = new Validator({ ...schema, components: doc.components } as Schema, '2020-12', false);
      const result = validator.validate(await res.json());
      expect(result.errors.slice(0, 3), label).toEqual([]);
      checked.push(template);
    }
    expect(checked.length).toBeGreaterThanOrEqual(45);
  }, 120_000);

  it('answers a stranger 401 on every GET that needs a session, in the documented error schema', async () => {
    let checked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || JSON.stringify(op.security) !== JSON.stringify([{ session: [] }])) continue;
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(valueFor(template, name)),
      );
      const res = await call(path);
      expect(res.status, `GET ${template} signed out`).toBe(401);
      const schema = op.responses['401']!.content!['application/json']!.schema!;
      const validator = new Validator({ ...schema, components: doc.components } as Schema, '2020-12', false);
      expect(validator.validate(await res.json()).errors.slice(0, 3), template).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  }, 120_000);

  it('states sign-in, Origin and an operationId on every operation, as the server applies them', async () => {
    const seen = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z]+[A-Za-z0-9]*$/);
        expect(seen.has(op.operationId!)).toBe(false);
        seen.add(op.operationId!);
        expect(op.security?.length, `${method} ${path}`).toBeGreaterThan(0);
        if (method !== 'get')
          expect(op.parameters?.some((p) => p.in === 'header' && p.name === 'Origin')).toBe(true);
      }
    // A write that needs a session refuses a stranger before reading a (bad) body.
    expect(doc.paths['/listings']!.post!.security).toEqual([{ session: [] }]);
    await expectError(await call('/listings', { body: { title: 42 } }), 401, 'UNAUTHENTICATED');
    await expectError(await call('/listings', { body: '{not json' }), 401, 'UNAUTHENTICATED');
    // Signed in, the same bad bodies are described.
    await expectError(await call('/listings', { session, body: '{not json' }), 400, 'MALFORMED_JSON');
    const wrongType = await call('/listings', {
      session,
      body: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    await expectError(wrongType, 415, 'UNSUPPORTED_CONTENT_TYPE');
    // A transition whose body asks for nothing may be sent without one, as the document says.
    const accept = doc.paths['/exchanges/{id}/accept']!.post!;
    expect(accept.requestBody?.required).toBe(false);
    const claimed = await claimOk(receiver.session, Number(ids.listing), receiver.hub, 1);
    const accepted = await call(`/exchanges/${claimed.id}/accept`, { session, method: 'POST' });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect(((await accepted.json()) as { state: string }).state).toBe('accepted');
  });
});
