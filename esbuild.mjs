// Builds every bundle: dist/client.js (VS Code, node), dist/server.js (language server),
// dist/cli.js and dist/cli-main.js (scanner), dist/typescript.js (the compiler the node bundles share), dist/web/client.js and dist/web/server.js (VS Code for the Web: the
// server as a classic worker script), and the JSON schema of .blah-security.json from the rule
// registry. The web bundles' metafiles are written beside them (a test checks them for node built-ins).
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// `npm pack` and `npm publish` run `prepack` (the production build the package ships) and then
// `prepare` (the development build a fresh clone's `npm install` gets): the second must not
// replace the first.
if (process.env.npm_lifecycle_event === 'prepare' && ['pack', 'publish'].includes(process.env.npm_command ?? '')) {
  console.log('esbuild: keeping the production build of prepack');
  process.exit(0);
}

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

/**
 * The node bundles (server, analysis worker, CLI) share one copy of the TypeScript compiler,
 * dist/typescript.js, instead of carrying ~9 MB of it each: a bundle loads it with require when
 * it first needs it, and the extension package holds it once. The nginx reference data (1.7 MB,
 * required on first use of an nginx file) is shared the same way, as dist/nginx-reference.js:
 * inside a bundle, V8 had to read it at every start of the server and of its worker even when
 * no nginx file is ever opened (~40 ms of cold start).
 */
const sharedTypeScript = {
  name: 'shared-typescript',
  setup(build) {
    // `import ts from 'typescript'` binds the default export of one module that requires the
    // compiler. Marked external directly, every importing module (sixty) wrapped the require in
    // esbuild's ESM interop, which copies each of the compiler's thousands of exports: ~130 ms of
    // every worker and CLI start.
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      args.namespace === 'file' ? { path: 'typescript', namespace: 'shared-typescript' } : undefined,
    );
    // The loader compiles it with a V8 code cache (server/src/host/typescriptLoader.ts).
    build.onLoad({ filter: /.*/, namespace: 'shared-typescript' }, () => ({
      loader: 'js',
      resolveDir: import.meta.dirname,
      contents: `import { loadTypeScript } from './server/src/host/typescriptLoader.ts';\nexport default loadTypeScript();`,
    }));
    build.onResolve({ filter: /^(?:typescript\/lib\/typescript\.js|\.\/typescript\.js)$/ }, (args) =>
      args.namespace === 'file' || args.namespace === 'lazy-typescript' || args.namespace === 'shared-typescript'
        ? { path: './typescript.js', external: true }
        : undefined,
    );
    build.onResolve({ filter: /^@nginx\/reference-lib$/ }, () => ({ path: './nginx-reference.js', external: true }));
  },
};

/**
 * The language server's main thread answers the editor and hands analysis to a worker thread, and
 * so does the CLI's (it walks folders, reads files and writes the report): they need rule
 * metadata, not the TypeScript compiler. Rule modules import `typescript` at their top,
 * so here that import is a stand-in that loads the compiler on first use. The main thread then
 * starts without reading and initializing the compiler (cold start, memory); if it ever analyzes
 * in process (no worker script), the compiler loads then.
 */
const lazyTypeScript = {
  name: 'lazy-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', namespace: 'lazy-typescript' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-typescript' }, () => ({
      loader: 'js',
      resolveDir: import.meta.dirname,
      contents: `
        let compiler;
        const load = () => (compiler ??= require('./server/src/host/typescriptLoader.ts').loadTypeScript());
        // __esModule and the own-key listing are asked when the module is imported: answer them
        // without loading, so "import ts from 'typescript'" binds this proxy as the default export.
        module.exports = new Proxy({}, {
          get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
          has: (_, key) => key in load(),
          ownKeys: () => [],
        });
      `,
    }));
    sharedTypeScript.setup(build);
  },
};

const builds = [
  {
    ...web,
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/web/client.js',
    format: 'cjs',
    external: ['vscode'],
  },
  // VS Code's worker wrapper loads the server with importScripts: a classic script, not a module.
  // A worker has no Buffer, and dockerfile-ast calls Buffer.from on every Dockerfile: that call
  // becomes a TextEncoder stand-in. Only `Buffer.from` is replaced, not `Buffer`, so feature
  // tests (`typeof Buffer`) still see a browser. test/lsp/browserWorker.test.ts runs the bundle
  // in a scope without Node's globals.
  {
    ...web,
    entryPoints: ['server/src/main/browser.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
    inject: ['server/src/main/browserBuffer.ts'],
    define: { 'Buffer.from': 'browserBufferFrom' },
  },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main/node.ts'], outfile: 'dist/server.js', plugins: [lazyTypeScript] },
  {
    entryPoints: ['server/src/main/analysisWorker.ts'],
    outfile: 'dist/analysis-worker.js',
    plugins: [sharedTypeScript],
  },
  // dist/cli.js is the scanner's small entry; it loads dist/cli-main.js with a code cache.
  { entryPoints: ['server/src/main/cliLoader.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['server/src/main/cli.ts'], outfile: 'dist/cli-main.js', plugins: [lazyTypeScript] },
];

// The schema comes from the registry: the CLI bundle exports it, so nothing is built twice.
function writeConfigSchema() {
  // The bundle itself, not dist/cli.js: that would write a code cache for it at the end of the build.
  const cli = createRequire(import.meta.url)('./dist/cli-main.js');
  writeFileSync('dist/blah-security.schema.json', JSON.stringify(cli.configSchema(), null, 2) + '\n');
}

mkdirSync('dist', { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('typescript/lib/typescript.js'), 'dist/typescript.js');
copyFileSync(createRequire(import.meta.url).resolve('@nginx/reference-lib'), 'dist/nginx-reference.js');

if (watch) {
  for (const options of builds) (await esbuild.context({ ...common, ...options })).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
  results.forEach((result, i) => {
    if (result.metafile)
      writeFileSync(builds[i].outfile.replace(/\.js$/, '.meta.json'), JSON.stringify(result.metafile));
  });
  writeConfigSchema();
}
