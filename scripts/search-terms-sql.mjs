// Prints the SQL of the generated columns search is indexed with (from
// src/shared/search-terms.ts), for a migration: `npm run search-terms:sql`. The `search_terms`
// column is its category's names (the CASE), its title's compound heads (`title_heads`, over
// `title_words`), then its unit's names.
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
const { searchTermsCaseSql, titleWordsSql, titleHeadsSql, unitTermsSql } = await import(url);
process.stdout.write(
  [
    `-- title_words\n${titleWordsSql()}`,
    `-- title_heads\n${titleHeadsSql()}`,
    `-- search_terms\n(${searchTermsCaseSql()}) || title_heads || ${unitTermsSql()}`,
  ].join('\n\n') + '\n',
);
