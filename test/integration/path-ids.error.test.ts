/**
 * Ids in paths have one spelling: `/listings/16`, never `0x10`, `016`, `+16`, `16.0` or `16e0`.
 * Every route of the OpenAPI document that takes an id reads it with the one schema (ZPathId).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ZListing } from '../../src/shared/listings.schemas';
import { fetchApp, loadOps, type Op } from '../fuzz-helpers';
import { call, createListing, expectError, expectJson, makerWithHub, ORIGIN } from '../helpers';

const ALIASES = ['0x10', '016', '+16', '16.0', '16e0', '1.6e1', ' 16', '0', '-16', '9007199254740993'];
const isIdParam = (name: string) => name === 'id' || /Id$/.test(name);

let ops: Op[];
beforeAll(async () => {
  ops = await loadOps();
});

describe('ids in paths', () => {
  it('answers a listing at its id only, never at an alias of it', async () => {
    const owner = await makerWithHub();
    // Enough listings that one has a two-digit id with aliases (16 → 0x10, 016, 16e0 …).
    let id = 0;
    while (id < 16) id = (await createListing(owner.session, owner.hub.slug)).id;
    const aliases = [`0x${id.toString(16)}`, `0${id}`, `+${id}`, `${id}.0`, `${id}e0`, `${id / 10}e1`];
    expect((await expectJson(await call(`/listings/${id}`), 200, ZListing)).id).toBe(id);
    for (const alias of aliases)
      await expectError(await call(`/listings/${encodeURIComponent(alias)}`), 422, 'VALIDATION_FAILED', [
        'id',
      ]);
  });

  it('every route taking an id refuses every alias, before anything else is read', async () => {
    const withIds = ops.filter((op) => op.params.some(isIdParam));
    expect(withIds.length).toBeGreaterThan(30);
    const owner = await makerWithHub();
    for (const op of withIds) {
      for (const alias of ALIASES) {
        const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(isIdParam(name) ? alias : name === 'slug' ? owner.hub.slug : 'x'),
        );
        const res = await fetchApp(path, {
          method: op.method,
          headers: { origin: ORIGIN, cookie: owner.session.cookie ?? '', 'content-type': 'application/json' },
          body: op.method === 'GET' ? undefined : '{}',
        });
        const label = `${op.method} ${path}`;
        expect(res.status, label).toBe(422);
        const body = (await res.json()) as {
          error: { code: string; details?: { fields?: { path: string }[] } };
        };
        expect(body.error.code, label).toBe('VALIDATION_FAILED');
        const named = body.error.details?.fields?.map((f) => f.path) ?? [];
        expect(named.some(isIdParam), `${label}: ${JSON.stringify(named)}`).toBe(true);
      }
    }
  }, 120_000);

  it('documents every id the same way in the OpenAPI document', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: unknown }[] }>>;
    };
    const schemas = new Set<string>();
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item))
        for (const p of op.parameters ?? [])
          if (p.in === 'path' && isIdParam(p.name)) schemas.add(JSON.stringify(p.schema));
    expect([...schemas]).toEqual([JSON.stringify({ type: 'string', pattern: '^[1-9][0-9]{0,15}$' })]);
  });
});
