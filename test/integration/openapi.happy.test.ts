import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { call } from '../helpers';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every API route the app serves', async () => {
    const res = await call('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');

    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map(
          (method) => `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`,
        ),
      ),
    );
    const served = createApp()
      .routes.filter(
        (r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL' && r.path !== '/api/v1/openapi.json',
      )
      .map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(20);
    for (const route of served) expect(documented, route).toContain(route);
  });

  it('documents the error envelope on routes that can fail', async () => {
    const doc = (await (await call('/openapi.json')).json()) as Doc;
    const post = doc.paths['/listings']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '401', '403', '422']));
  });
});
