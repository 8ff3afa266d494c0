// Runs test files with Node's test runner, one runner for all of them so its closing summary
// counts every test.
//   node scripts/run-tests.mjs           every test/**/*.test.ts but the editor suites that need a
//                                        real VS Code or browser (npm test), a process per file
//   node scripts/run-tests.mjs --quick   the inner loop (npm run test:quick): the rule fixtures,
//                                        the consistency and architecture checks, the engine and
//                                        an LSP smoke test in one process, with the type-check
//                                        beside them; the few slow tests of those files skip
//                                        (BLAH_SECURITY_QUICK_TESTS=1), saying so
//   node scripts/run-tests.mjs [--quick] FILE…   just those files
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const excluded = new Set(['vscode', 'web']);

function collect(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!excluded.has(entry.name) || dir !== join(root, 'test')) files.push(...collect(path));
    } else if (entry.name.endsWith('.test.ts')) {
      files.push(relative(root, path));
    }
  }
  return files.sort();
}

/** The inner loop's files. test/engine/typescriptLoader.test.ts (the host's code cache, ~14 s of child processes) is left to npm test. */
const quickFiles = () => [
  'test/architecture.test.ts',
  'test/meta.test.ts',
  'test/rules/fixtures.test.ts',
  'test/rules/workspace.test.ts',
  ...collect(join(root, 'test', 'engine')).filter((f) => !f.endsWith('typescriptLoader.test.ts')),
  'test/lsp/smoke.test.ts',
];

/** Runs a command; resolves with its exit status (and, with `capture`, its output). */
function run(command, args, { capture = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const output = [];
    if (capture) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) =>
      resolve({ status: code ?? (signal ? 1 : 0), output: Buffer.concat(output).toString() }),
    );
  });
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => a !== '--quick');
const files = only.length > 0 ? only : quick ? quickFiles() : collect(join(root, 'test'));

// In --quick the type-check runs beside the tests (on another core) and reports after them. It is
// incremental: the first run writes its state under node_modules/.cache, later runs check again
// only what changed and what depends on it.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const typecheck = quick
  ? run(
      process.execPath,
      [
        tsc,
        '-p',
        '.',
        '--noEmit',
        '--incremental',
        '--tsBuildInfoFile',
        'node_modules/.cache/blah-security/quick.tsbuildinfo',
      ],
      { capture: true },
    )
  : undefined;
// --quick loads its files into one process (test/helpers/inOneProcess.ts): starting Node, tsx and
// the compiler once instead of once per file is most of its speed.
const tests = quick
  ? await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', 'test/helpers/inOneProcess.ts'], {
      env: { ...process.env, BLAH_SECURITY_QUICK_TESTS: '1', BLAH_SECURITY_TEST_FILES: files.join(',') },
    })
  : await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
let status = tests.status;
if (typecheck) {
  const { status: code, output } = await typecheck;
  process.stdout.write(output);
  console.log(code === 0 ? 'ℹ typecheck: no errors' : `✖ typecheck: tsc exited with ${code}`);
  status ||= code;
}
process.exit(status);
