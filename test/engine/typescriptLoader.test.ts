// The compiler's V8 code cache: used from a private folder only, rejected cleanly when damaged,
// and never a reason for the compiler not to load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultCacheDir, isPrivateDirectory } from '../../server/src/host/typescriptLoader';

const repo = join(__dirname, '..', '..');
const script = join(__dirname, 'fixtures', 'load-compiler.ts');
const root = mkdtempSync(join(tmpdir(), 'blah-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));

function load(dir: string | undefined): {
  fromCache: boolean;
  cacheFile?: string;
  statements: number;
  version: string;
} {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, dir ?? '-'], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60000,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

describe('the compiler code cache', () => {
  it('is written on the first load into a folder only this user can open, and used on the next', () => {
    const dir = join(root, 'private', 'cache');
    const first = load(dir);
    assert.equal(first.fromCache, false);
    assert.equal(first.statements, 1);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const files = readdirSync(dir);
    assert.equal(files.length, 1, files.join(', '));
    assert.match(files[0], /^typescript-[0-9a-f]{24}\.v8cache$/);
    assert.equal(statSync(join(dir, files[0])).mode & 0o777, 0o600);
    const second = load(dir);
    assert.equal(second.fromCache, true);
    assert.equal(second.version, first.version);
    assert.equal(second.statements, 1);
  });

  it('is not read from, nor written to, a folder others can write', { skip: process.platform === 'win32' }, () => {
    const dir = join(root, 'shared');
    load(join(root, 'private', 'cache'));
    const warm = readdirSync(join(root, 'private', 'cache'))[0];
    // A planted cache in a group-writable folder is ignored, and nothing is written there.
    load(dir);
    chmodSync(dir, 0o775);
    for (const f of readdirSync(dir)) rmSync(join(dir, f));
    const planted = readFileSync(join(root, 'private', 'cache', warm));
    writeFileSync(join(dir, warm), planted, { mode: 0o600 });
    const result = load(dir);
    assert.equal(result.fromCache, false, 'a valid cache in a folder others can write is not used');
    assert.equal(result.statements, 1);
    assert.deepEqual(readdirSync(dir), [warm]);
    assert.ok(readFileSync(join(dir, warm)).equals(planted), 'nothing was written there');
    assert.equal(isPrivateDirectory(dir), false);
    // The same cache in a private folder is used: the folder's permissions made the difference.
    chmodSync(dir, 0o700);
    assert.equal(load(dir).fromCache, true);
  });

  it('survives a damaged cache: V8 rejects it, the compiler loads from source, and a good cache replaces it', () => {
    const dir = join(root, 'damaged');
    const { cacheFile } = load(dir);
    writeFileSync(cacheFile!, Buffer.alloc(4096, 7), { mode: 0o600 });
    const damaged = load(dir);
    assert.equal(damaged.fromCache, false);
    assert.equal(damaged.statements, 1);
    assert.equal(load(dir).fromCache, true);
  });

  it('loads without any cache when none is configured', () => {
    const none = load(undefined);
    assert.equal(none.fromCache, false);
    assert.equal(none.cacheFile, undefined);
    assert.equal(none.statements, 1);
    assert.equal(defaultCacheDir({ BLAH_SECURITY_CACHE_DIR: '' }), undefined);
    assert.equal(defaultCacheDir({ BLAH_SECURITY_CACHE_DIR: '/x/y' }), '/x/y');
    if (process.platform !== 'win32')
      assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/c' }), join('/c', 'blah-security'));
  });
});
