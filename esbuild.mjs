// Builds every bundle: dist/client.js (VS Code, node), dist/server.js (language server),
// dist/cli.js (scanner), and the JSON schema of .blah-security.json from the rule registry.
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/node.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/analysisWorker.ts'], outfile: 'dist/analysis-worker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

// The schema comes from the registry: the CLI bundle exports it, so nothing is built twice.
function writeConfigSchema() {
  const cli = createRequire(import.meta.url)('./dist/cli.js');
  writeFileSync('dist/blah-security.schema.json', JSON.stringify(cli.configSchema(), null, 2) + '\n');
}

if (watch) {
  for (const options of builds) (await esbuild.context({ ...common, ...options })).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
  writeConfigSchema();
}
