// npm run test:vscode: the packaged extension in a real VS Code (desktop) via @vscode/test-electron.
// VS Code is downloaded at run time; where that is impossible (offline machines, this project's
// CI) the script says so plainly and exits 0 without claiming a pass. It is not part of npm test.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({
    version: process.env.VSCODE_VERSION ?? 'stable',
    timeout: 30000,
  });
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.log(`SKIPPED test:vscode: VS Code could not be downloaded (${reason}).`);
  console.log('This suite needs the VS Code desktop build from the network; it ran no test here.');
  process.exit(0);
}

try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'test', 'vscode', 'suite', 'index.cjs'),
    launchArgs: [
      join(repo, 'examples', 'insecure-mcp-server'),
      '--disable-extensions',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
  console.log('test:vscode: all VS Code tests passed.');
} catch (error) {
  console.error('test:vscode failed:', error);
  process.exit(1);
}
