#!/usr/bin/env node
// `npm run deploy` (staging) or `npm run deploy -- production`: build the web app, apply the D1
// migrations to that environment's remote database, then deploy the Worker with its assets.
// Needs `npx wrangler login` (or CLOUDFLARE_API_TOKEN) and the ids in wrangler.toml's [env.*].
import { execFileSync } from 'node:child_process';

const target = process.argv[2] ?? 'staging';
if (!['staging', 'production'].includes(target)) {
  console.error(`usage: npm run deploy -- [staging|production] (got "${target}")`);
  process.exit(2);
}
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' };
const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit', env });
};

run('npm', ['run', 'build']);
run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote', '--env', target]);
run('npx', ['wrangler', 'deploy', '--env', target]);
