/**
 * The served OpenAPI document through Redocly's linter with its `recommended` rules: no errors.
 * Runs on Node (the linter does not run inside workerd); the document is what the app serves.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/shared/errors';
import { servedDocument } from './served';

type Doc = {
  servers: { url: string }[];
  components: {
    schemas: Record<
      string,
      { properties?: Record<string, { properties?: Record<string, { enum?: string[] }> }> }
    >;
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
  };
};

async function served(): Promise<string> {
  const { status, text } = await servedDocument();
  expect(status, text).toBe(200);
  return text;
}

describe('the OpenAPI document, linted', () => {
  it('has no error under redocly recommended', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: await served(), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    // Warnings are allowed but counted, so a jump shows in the test output.
    console.info(`redocly recommended: 0 errors, ${problems.length} warnings`);
  }, 120_000);

  it('names the main objects, the cookie scheme, the error codes and an absolute server', async () => {
    const doc = JSON.parse(await served()) as Doc;
    for (const name of [
      'Listing',
      'Request',
      'Hub',
      'Exchange',
      'RequestMatch',
      'ListingMatch',
      'Flow',
      'Error',
    ])
      expect(Object.keys(doc.components.schemas)).toContain(name);
    expect(doc.components.securitySchemes.session).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'omloop_session' }),
    );
    const code = doc.components.schemas.Error!.properties!.error!.properties!.code!;
    expect(code.enum).toEqual(Object.keys(ERRORS).sort());
    expect(doc.servers[0]!.url).toBe('http://127.0.0.1:8787/api/v1');
  });
});
