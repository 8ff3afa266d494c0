// Builds every bundle: dist/client.js (VS Code, node), dist/server.js (language server),
// dist/cli.js (scanner), dist/web/client.js and dist/web/server.js (VS Code for the Web: the
// server as a classic worker script), and the JSON schema of .blah-security.json from the rule
// registry. The web bundles' metafiles are written beside them (a test checks them for node built-ins).
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

const web = {
  platform: 'browser',
  target: 'es2022',
  // The TypeScript compiler's package.json maps its node-only modules (fs, os, path…) to nothing for browsers.
  mainFields: ['browser', 'module', 'main'],
  metafile: true,
};

const builds = [
  { ...web, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/client.js', format: 'cjs', external: ['vscode'] },
  // VS Code's worker wrapper loads the server with importScripts: a classic script, not a module.
  { ...web, entryPoints: ['server/src/browser.ts'], outfile: 'dist/web/server.js', format: 'iife' },
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
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
  results.forEach((result, i) => {
    if (result.metafile) writeFileSync(builds[i].outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));
  });
  writeConfigSchema();
}
