import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('answers ok once the database answers', async () => {
  const res = await exports.default.fetch('http://127.0.0.1/api/v1/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok' });
});

it('answers unknown API routes with the error envelope', async () => {
  const res = await exports.default.fetch('http://127.0.0.1/api/v1/nope');
  expect(res.status).toBe(404);
  const body = (await res.json()) as { error: { code: string; requestId: string } };
  expect(body.error.code).toBe('NOT_FOUND');
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
});
