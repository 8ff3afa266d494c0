// The project's own consistency: registry, rule catalog, fixtures, docs, README and manifest agree.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { allRules } from '../server/src/rules';
import { checklistItems } from '../server/src/core/checklist';
import { docsPath, fixKinds } from '../server/src/core/docs';
import { staleDocs } from '../scripts/docs';

const repo = join(__dirname, '..');
// The rule catalog lives in the repository: a user's clone has nothing beside it.
const catalogPath = join(repo, 'docs', 'catalog.md');

function catalogIds(): string[] {
  const text = readFileSync(catalogPath, 'utf8');
  return [...text.matchAll(/^\| ([a-z]+\/[a-z0-9-]+) \|/gm)].map((m) => m[1]);
}

describe('the repository stands alone', () => {
  it('no build, test, bench or script file reads outside the repository (a clone has nothing beside it)', () => {
    const offending: string[] = [];
    const scan = (dir: string): void => {
      for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && entry.name !== 'fixtures' && entry.name !== 'regressions') scan(path);
        } else if (/\.(?:[cm]?[jt]s|json|sh)$/.test(entry.name) || dir === '.ci') {
          const text = readFileSync(join(repo, path), 'utf8');
          // A relative path that climbs out of the repository, or a join that climbs above the repository root.
          const escapes = [...text.matchAll(/['"`]((?:\.\.\/)+[^'"`]*)['"`]/g)].some(
            (m) => !resolve(repo, dir, m[1]).startsWith(repo + sep),
          );
          if (escapes || /\brepo\w*,\s*'\.\.'/.test(text)) offending.push(path);
        }
      }
    };
    for (const dir of ['server', 'client', 'test', 'scripts', 'bench', 'bin', '.ci'])
      if (existsSync(join(repo, dir))) scan(dir);
    for (const file of ['package.json', 'esbuild.mjs', 'tsconfig.json'])
      if (/\.\.[\\/]shared\b/.test(readFileSync(join(repo, file), 'utf8'))) offending.push(file);
    assert.deepEqual(offending, []);
  });
});

describe('rule registry', () => {
  it('is sorted by id, without duplicates', () => {
    const ids = allRules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  });

  it('implements every rule of the catalog (docs/catalog.md), whatever its file type', () => {
    assert.ok(existsSync(catalogPath), `the rule catalog is expected at ${catalogPath}`);
    const catalog = catalogIds();
    const families = new Set(catalog.map((id) => id.split('/')[0]));
    // Every family of the registry is planned in the catalog, and the catalog parsed into rows of each.
    for (const rule of allRules)
      assert.ok(families.has(rule.id.split('/')[0]), `${rule.id}: its family is not in the catalog`);
    for (const family of ['ts', 'secret', 'crypto', 'mcp', 'docker', 'nginx'])
      assert.ok(
        catalog.some((id) => id.startsWith(`${family}/`)),
        `no ${family}/ rows parsed`,
      );
    const registered = new Set(allRules.map((r) => r.id));
    assert.deepEqual(
      catalog.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('fails each checklist item by the rules the catalog names for it (docs/catalog.md)', () => {
    const text = readFileSync(catalogPath, 'utf8');
    const table = text.slice(text.indexOf('| checklist item | failed by |')).split('\n').slice(2);
    // A rule named outright (ts/jwt-hardcoded-secret under secrets) wins over a pattern (ts/jwt-* under authentication).
    const byPattern = new Map<string, string>();
    const byName = new Map<string, string>();
    let rows = 0;
    for (const line of table) {
      if (!line.startsWith('|')) break;
      const [title, failedBy] = line
        .split('|')
        .slice(1, 3)
        .map((s) => s.trim());
      const item = checklistItems.find((c) => c.title === title);
      assert.ok(item, `unknown checklist item "${title}"`);
      rows++;
      for (const pattern of failedBy
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '' && s !== '—')) {
        const re = new RegExp('^' + pattern.replace(/[.*]/g, (c) => (c === '*' ? '.*' : '\\.')) + '$');
        const rules = allRules.filter((r) => re.test(r.id));
        assert.ok(rules.length > 0, `${pattern} names no rule`);
        for (const rule of rules) (pattern.includes('*') ? byPattern : byName).set(rule.id, item.id);
      }
    }
    assert.equal(rows, checklistItems.length);
    for (const rule of allRules) {
      const expected = byName.get(rule.id) ?? byPattern.get(rule.id);
      if (expected) assert.equal(rule.meta.checklistItem, expected, `${rule.id} informs the item the catalog names`);
    }
  });

  for (const rule of allRules) {
    describe(rule.id, () => {
      const dir = join(repo, 'test', 'rules', rule.id);
      const files = existsSync(dir) ? readdirSync(dir) : [];
      it('has invalid and valid fixtures', () => {
        assert.ok(
          files.some((f) => f.startsWith('invalid') && !f.includes('.fixed.')),
          `no invalid fixture in ${dir}`,
        );
        assert.ok(
          files.some((f) => f.startsWith('valid')),
          `no valid fixture in ${dir}`,
        );
      });
      it('has at least 5 invalid and 5 valid cases (TypeScript rules) or 4 and 4 (Dockerfile and nginx)', () => {
        const minimum = rule.language === 'typescript' ? 5 : 4;
        const count = (prefix: string, marker: string): number =>
          files
            .filter((f) => f.startsWith(prefix) && !f.includes('.fixed.'))
            .reduce(
              (sum, f) =>
                sum +
                (readFileSync(join(dir, f), 'utf8').match(
                  new RegExp(`${marker}:\\s*${rule.id.replace('/', '\\/')}(?![\\w-])`, 'g'),
                )?.length ?? 0),
              0,
            );
        assert.ok(count('invalid', 'expect') >= minimum, `${count('invalid', 'expect')} invalid cases`);
        assert.ok(count('valid', 'ok') >= minimum, `${count('valid', 'ok')} valid cases`);
      });
      it('has a .fixed snapshot if and only if it declares fixes or suggestions', () => {
        const hasFixed = files.some((f) => f.includes('.fixed.'));
        const offers = fixKinds(rule) !== undefined;
        assert.equal(hasFixed, offers, `fixes: ${fixKinds(rule) ?? 'none'}, snapshot: ${hasFixed}`);
      });
      it('has a docs page that opens with its id', () => {
        const page = readFileSync(join(repo, docsPath(rule)), 'utf8');
        assert.ok(page.startsWith(`# ${rule.id}\n`), 'the page opens with the rule id');
        assert.ok(!page.includes('\nTODO\n'), 'the generated page has been written');
      });
      it('names a checklist item of the guide and a guide section', () => {
        assert.ok(
          rule.meta.checklistItem === undefined || checklistItems.some((c) => c.id === rule.meta.checklistItem),
        );
        assert.ok(
          rule.meta.guideSection.length > 0 && rule.meta.description.length > 40 && rule.meta.remedy.length > 10,
        );
      });
      it('has a source file named after its id', () => {
        assert.ok(existsSync(join(repo, 'server', 'src', 'rules', `${rule.id}.ts`)));
      });
    });
  }
});

describe("documentation generated from the rules' metadata", () => {
  it('the README rule table and every rule page header match the metadata (npm run docs)', () => {
    assert.deepEqual(
      staleDocs(repo).map((f) => f.path),
      [],
    );
  });
});

describe('fix snapshots', () => {
  const snapshots: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.includes('.fixed.') && /\.[cm]?[jt]sx?$/.test(entry.name))
        snapshots.push(join(dir, entry.name));
    }
  };
  walk(join(repo, 'test', 'rules'));

  it('exist', () => assert.ok(snapshots.length > 0));
  for (const path of snapshots) {
    it(`${path.slice(repo.length + 1)} parses without syntax errors`, () => {
      const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
      const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
      assert.deepEqual(
        diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
        [],
      );
    });
  }
});

describe('extension manifest', () => {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  // Commands are registered in the client code both entries share (common.ts), or in an entry.
  const client = readdirSync(join(repo, 'client', 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(repo, 'client', 'src', f), 'utf8'))
    .join('\n');

  it('registers every contributed command in the client, and contributes every registered one', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...client.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(registered, contributed);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'BLAH Security');
  });

  it('declares untrusted-workspace support and the settings the server reads', () => {
    // Restricted Mode: the extension runs ("limited": it only reads text), and a repository's own
    // workspace settings cannot weaken it. Every setting is restricted but those that cannot
    // change what is found (a new setting must be put in one list or the other).
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const harmless = new Set(['blahSecurity.trace.server']);
    const restricted = new Set<string>(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
    for (const key of Object.keys(manifest.contributes.configuration.properties))
      assert.ok(harmless.has(key) !== restricted.has(key), `${key} is restricted in untrusted workspaces, or harmless`);
    // Every setting the server reads (BlahSecuritySettings) is contributed, and the other way round.
    const protocol = readFileSync(join(repo, 'server', 'src', 'protocol', 'index.ts'), 'utf8');
    const settingsInterface = /export interface BlahSecuritySettings \{([^}]*)\}/.exec(protocol)![1];
    const read = [...settingsInterface.matchAll(/^\s*([a-zA-Z]+)\??:/gm)].map((m) => `blahSecurity.${m[1]}`);
    assert.ok(read.length >= 8, read.join(', '));
    assert.deepEqual(
      Object.keys(manifest.contributes.configuration.properties)
        .filter((key) => key !== 'blahSecurity.trace.server')
        .sort(),
      read.sort(),
    );
    // Settings that can weaken analysis come from user settings only in Restricted Mode.
    for (const key of ['blahSecurity.exclude', 'blahSecurity.minimumSeverity', 'blahSecurity.run'])
      assert.ok(restricted.has(key), `${key} is restricted`);
    // The README's Restricted Mode paragraph names every restricted setting.
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('In Restricted Mode'), readme.indexOf('### The Security Checklist'));
    for (const key of restricted)
      assert.ok(paragraph.includes(`\`${key.replace('blahSecurity.', '')}\``), `README names ${key}`);
    // Each setting says what it does in the settings editor.
    for (const [key, setting] of Object.entries(
      manifest.contributes.configuration.properties as Record<
        string,
        { description?: string; markdownDescription?: string }
      >,
    ))
      assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 20, `${key} has a description`);
    assert.ok(manifest.activationEvents.includes('workspaceContains:.blah-security.json'));
  });

  it('contributes a walkthrough whose steps have packaged pages, and a PNG icon of 128 pixels', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as Array<{
      id: string;
      title: string;
      steps: Array<{ id: string; title: string; media: { markdown?: string } }>;
    }>;
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openChecklist', 'scanWorkspace', 'fixAllOnSave', 'addToCi'],
    );
    const ignore = readFileSync(join(repo, '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      const page = step.media.markdown;
      assert.ok(page && existsSync(join(repo, page)), `${step.id}: ${page}`);
      assert.match(page, /^resources\/walkthrough\/[a-z-]+\.md$/);
    }
    assert.ok(ignore.includes('!resources/walkthrough/*.md'));
    assert.ok(
      readFileSync(join(repo, 'resources', 'walkthrough', 'fix-on-save.md'), 'utf8').includes(
        'source.fixAll.blahSecurity',
      ),
    );
    assert.ok(readFileSync(join(repo, 'resources', 'walkthrough', 'ci.md'), 'utf8').includes('upload-sarif'));
    assert.equal(manifest.icon, 'resources/icon.png');
    const png = readFileSync(join(repo, 'resources', 'icon.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.readUInt32BE(16), 128, 'width');
    assert.equal(png.readUInt32BE(20), 128, 'height');
  });

  it('exposes the CLI and the language server as bins', () => {
    assert.equal(manifest.bin['blah-security'], './bin/blah-security.js');
    assert.equal(manifest.bin['blah-security-lsp'], './bin/blah-security-lsp.js');
  });
});
