// Prints the CASE expression of the `search_terms` column (each category's names, from
// src/shared/search-terms.ts) for a migration: `npm run search-terms:sql`.
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';

const out = await build({
  entryPoints: ['src/shared/search-terms.ts'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
});
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
const { searchTermsCaseSql } = await import(url);
process.stdout.write(`${searchTermsCaseSql()}\n`);
