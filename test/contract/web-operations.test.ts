/**
 * The web app's list of API operations (web/src/lib/api/operations.ts) is the served document's:
 * the area clients build every path through `operation('METHOD /path/{param}', …)`, typed by that
 * list, so a route renamed or removed on the server breaks the web build once the list follows.
 * This test fails when the list names an operation the document no longer has (a new operation may
 * wait until someone needs it); `UPDATE_CONTRACT=1 npx vitest run --project contract` rewrites it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { operation } from '../../web/src/lib/api/operation';
import { servedDocument } from './served';

const FILE = 'web/src/lib/api/operations.ts';

function render(operations: string[]): string {
  return `/**
 * Every operation of the API as \`METHOD /path/{param}\`, generated from the served OpenAPI document
 * by test/contract/web-operations.test.ts (\`UPDATE_CONTRACT=1 npx vitest run --project contract\`).
 * Do not edit by hand: the test fails when this list names an operation the document does not have.
 */
export const API_OPERATIONS = [
${operations.map((o) => `  '${o}',`).join('\n')}
] as const;

export type ApiOperation = (typeof API_OPERATIONS)[number];
`;
}

describe('the web app’s operations', () => {
  it('are all in the served OpenAPI document', async () => {
    const doc = JSON.parse((await servedDocument()).text) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    if (process.env.UPDATE_CONTRACT === '1') writeFileSync(FILE, render(operations));
    const listed = [...readFileSync(FILE, 'utf8').matchAll(/^ {2}'([A-Z]+ [^']+)',$/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(50);
    const gone = listed.filter((o) => !operations.includes(o!));
    expect(gone, 'run UPDATE_CONTRACT=1 npx vitest run --project contract, then fix the web build').toEqual(
      [],
    );
  });

  it('fill in each parameter, encoded, and split the method from the path', () => {
    expect(operation('GET /hubs/{slug}', { slug: 'a/b c' })).toEqual({
      method: 'GET',
      path: '/hubs/a%2Fb%20c',
    });
    expect(
      operation('DELETE /streams/{id}/subscriptions/{subscriptionId}', { id: 3, subscriptionId: 9 }),
    ).toEqual({
      method: 'DELETE',
      path: '/streams/3/subscriptions/9',
    });
    expect(operation('GET /flows')).toEqual({ method: 'GET', path: '/flows' });
  });
});
