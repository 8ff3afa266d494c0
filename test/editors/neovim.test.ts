// The README's Neovim snippets in a real, headless Neovim: the one for 0.7 (Debian 12's) and, when
// the Neovim here is 0.8 or later, the one for 0.8+. Each opens a TypeScript file, a Dockerfile and
// an nginx.conf of a fresh git project, waits for diagnostics, and reports what Neovim holds.
// Property: every file gets its language's finding, from one client rooted at the project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  editorProject,
  executable,
  isolatedEnv,
  lspBin,
  missing,
  projectFiles,
  readmeSnippet,
  replaceOnce,
  resultLine,
  skipEditors,
} from '../helpers/editors';

const nvim = executable('nvim');

/** The nvim to run; fails the test, saying what to install, when there is none. */
function requireNvim(): string {
  if (!nvim) assert.fail(missing('Neovim (nvim)', 'neovim'));
  return nvim;
}

/** Opens the files given in BLAH_FILES, waits for each to have diagnostics, prints them and quits. */
const harness = `
local bufs = {}
for _, file in ipairs(vim.split(os.getenv('BLAH_FILES'), '\\n')) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  table.insert(bufs, vim.api.nvim_get_current_buf())
end
local started = vim.loop.hrtime()
vim.wait(30000, function()
  for _, buf in ipairs(bufs) do
    if #vim.diagnostic.get(buf) == 0 then return false end
  end
  return true
end, 50)
local files = {}
for _, buf in ipairs(bufs) do
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(codes, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))) end
  table.insert(files, { path = vim.api.nvim_buf_get_name(buf), filetype = vim.bo[buf].filetype, codes = codes })
end
local clients = {}
for _, client in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
  table.insert(clients, { name = client.name, root = client.config.root_dir, buffers = #vim.lsp.get_buffers_by_client_id(client.id) })
end
local v = vim.version()
io.stdout:write('RESULT ' .. vim.fn.json_encode({ version = v.major .. '.' .. v.minor .. '.' .. v.patch, ms = math.floor((vim.loop.hrtime() - started) / 1e6), files = files, clients = clients }) .. '\\n')
vim.cmd('qa!')
`;

interface NeovimResult {
  version: string;
  ms: number;
  files: Array<{ path: string; filetype: string; codes: string[] }>;
  clients: Array<{ name: string; root: string; buffers: number }>;
}

function nvimVersion(): [number, number] | undefined {
  if (!nvim) return undefined;
  const match = /NVIM v(\d+)\.(\d+)/.exec(spawnSync(nvim, ['--version'], { encoding: 'utf8' }).stdout);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

describe('the README Neovim snippets in a headless Neovim', () => {
  const folders: string[] = [];
  after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  function run(snippetName: string): NeovimResult {
    const binary = requireNvim();
    const { root, home, files } = editorProject('blah-neovim-');
    folders.push(dirname(root));
    const init = join(home, 'init.lua');
    writeFileSync(
      init,
      replaceOnce(
        readmeSnippet(snippetName),
        "cmd = { 'npx', 'blah-security-lsp', '--stdio' }",
        `cmd = { ${JSON.stringify(process.execPath)}, ${JSON.stringify(lspBin)}, '--stdio' }`,
      ),
    );
    const harnessFile = join(home, 'harness.lua');
    writeFileSync(harnessFile, harness);
    const result = spawnSync(
      binary,
      ['--headless', '--noplugin', '-n', '-i', 'NONE', '-u', init, '-c', "lua dofile(os.getenv('BLAH_HARNESS'))"],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 60000,
        env: isolatedEnv(home, { BLAH_FILES: files.join('\n'), BLAH_HARNESS: harnessFile }),
      },
    );
    assert.equal(
      result.status,
      0,
      `nvim exited with ${result.status} ${result.signal ?? ''}\n${result.stdout}\n${result.stderr}`,
    );
    const outcome = resultLine(result.stdout) as NeovimResult;
    for (const [path, { rule }] of Object.entries(projectFiles)) {
      const file = outcome.files.find((f) => f.path === join(root, path));
      assert.ok(file, `${path} was not opened: ${JSON.stringify(outcome)}`);
      assert.ok(
        file.codes.includes(rule),
        `${path} (${file.filetype}) has no ${rule}: ${file.codes.join(', ') || 'no diagnostics'}\n${result.stderr}`,
      );
    }
    assert.deepEqual(
      outcome.clients,
      [{ name: 'blah-security', root, buffers: files.length }],
      'one client for the project, attached to every file',
    );
    return outcome;
  }

  const report = (outcome: NeovimResult): string =>
    `Neovim ${outcome.version}: ${outcome.files.map((f) => `${f.path.split('/').pop()} ${f.codes.length}`).join(', ')} diagnostics, all within ${outcome.ms} ms`;

  it('Neovim 0.7 snippet: diagnostics for TypeScript, Dockerfile and nginx', { skip: skipEditors }, (t) => {
    t.diagnostic(report(run('neovim-0.7')));
  });

  it('both snippets are Lua that Neovim loads', { skip: skipEditors }, () => {
    const binary = requireNvim();
    const home = mkdtempSync(join(tmpdir(), 'blah-neovim-parse-'));
    folders.push(home);
    for (const name of ['neovim-0.7', 'neovim-0.8']) {
      const file = join(home, `${name}.lua`);
      writeFileSync(file, readmeSnippet(name));
      const check =
        "lua local ok, err = loadfile(os.getenv('BLAH_SNIPPET')); if not ok then io.stderr:write(err) vim.cmd('cquit') end";
      const result = spawnSync(binary, ['--headless', '--clean', '-c', check, '-c', 'qall!'], {
        encoding: 'utf8',
        timeout: 30000,
        env: isolatedEnv(home, { BLAH_SNIPPET: file }),
      });
      assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    }
  });

  const version = nvimVersion();
  const tooOld =
    version && version[0] === 0 && version[1] < 8
      ? `the Neovim here is ${version.join('.')}, which has no vim.lsp.start`
      : false;
  it('Neovim 0.8+ snippet: diagnostics for TypeScript, Dockerfile and nginx', { skip: skipEditors || tooOld }, (t) => {
    t.diagnostic(report(run('neovim-0.8')));
  });
});
