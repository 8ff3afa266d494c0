// ReDoS: every regular expression literal in the server (engine, languages, rules, CLI) is checked
// with recheck, which proves linear matching or finds an attack string; and every secret pattern
// is fed adversarial 100 KB lines and must stay linear.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { credentialFormats, findCredentials } from '../../server/src/knowledge/secrets';
import { cpuMsOf } from '../helpers/cpu';
import { quickSkip } from '../helpers/quick';

const repo = join(__dirname, '..', '..');

/** Every node of every server source file, with the file it is in (one parse of each file). */
function forEachServerNode(visit: (node: ts.Node, file: ts.SourceFile, path: string) => void): void {
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
        const each = (node: ts.Node): void => {
          visit(node, file, path);
          ts.forEachChild(node, each);
        };
        each(file);
      }
    }
  };
  walk(join(repo, 'server', 'src'));
}

function regexLiterals(): Array<{ where: string; source: string; flags: string }> {
  const found: Array<{ where: string; source: string; flags: string }> = [];
  forEachServerNode((node, file, path) => {
    if (!ts.isRegularExpressionLiteral(node)) return;
    const match = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    found.push({ where: `${relative(repo, path)}:${line}`, source: match[1], flags: match[2] });
  });
  return found;
}

/**
 * Every `new RegExp(…)`/`RegExp(…)` in the server whose pattern is not made of literals, the
 * `.source` of a compiled literal, or escapeRegExp(…) results: each must be reviewed and listed
 * here with why its pattern holds no text of the analyzed document (or, where it does by design,
 * how that is bounded).
 */
const reviewedPatterns: Record<string, string> = {
  'server/src/lsp/codeActions.ts: IGNORE_NEXT_LINE': 'a constant of ours',
  'server/src/rules/mcp/docker-privileged.ts: home': 'a module constant (the home folder spellings)',
  'server/src/rules/mcp/docker-privileged.ts: credentialFolders': 'a module constant',
  'server/src/rules/docker/root-user.ts: user': 'a module constant (the user-argument pattern)',
  'server/src/rules/docker/sudo.ts: sudoersPath': 'a module constant',
  'server/src/languages/dockerfile/model.ts: escape': "the escape directive's character, escaped: '`' or '\\\\'",
  'server/src/languages/nginx/directives.ts: source(elements)':
    "nginx's reference syntax (our data); its literals go through escapeRegExp",
  'server/src/rules/nginx/origin-regex.ts: toJavaScript(node)':
    "the configuration's own regex, parsed and rebuilt by our regex parser, tested only against short probe strings",
  'server/src/languages/typescript/modules.ts: alternatives':
    'identifiers of the file, each through escapeRegExp, and only while short (identifierMatches)',
  'server/src/languages/typescript/modules.ts: names': 'module names of our tables, through escapeRegExp',
};

/**
 * The parts of a pattern argument that are neither literals, a compiled literal's `.source` nor
 * escapeRegExp results (nor `list.map(escapeRegExp).join(…)`): the values to review.
 */
function holes(node: ts.Expression, file: ts.SourceFile): string[] {
  if (ts.isStringLiteralLike(node)) return [];
  if (ts.isParenthesizedExpression(node)) return holes(node.expression, file);
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source') return [];
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'escapeRegExp')
    return [];
  if (isEscapedJoin(node)) return [];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...holes(node.left, file), ...holes(node.right, file)];
  if (ts.isConditionalExpression(node)) return [...holes(node.whenTrue, file), ...holes(node.whenFalse, file)];
  const template = ts.isTaggedTemplateExpression(node) ? node.template : node;
  if (ts.isNoSubstitutionTemplateLiteral(template)) return [];
  if (ts.isTemplateExpression(template)) return template.templateSpans.flatMap((span) => holes(span.expression, file));
  return [node.getText(file)];
}

/** `values.map(escapeRegExp).join(…)`. */
function isEscapedJoin(node: ts.Expression): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  if (node.expression.name.text !== 'join') return false;
  const mapped = node.expression.expression;
  return (
    ts.isCallExpression(mapped) &&
    ts.isPropertyAccessExpression(mapped.expression) &&
    mapped.expression.name.text === 'map' &&
    mapped.arguments.length === 1 &&
    ts.isIdentifier(mapped.arguments[0]) &&
    mapped.arguments[0].text === 'escapeRegExp'
  );
}

/** The `new RegExp`/`RegExp` calls of server/src whose pattern argument is not a literal pattern. */
function builtPatterns(): string[] {
  const found: string[] = [];
  forEachServerNode((node, file, path) => {
    if (
      !(ts.isNewExpression(node) || ts.isCallExpression(node)) ||
      !ts.isIdentifier(node.expression) ||
      node.expression.text !== 'RegExp'
    )
      return;
    const pattern = node.arguments?.[0];
    const where = relative(repo, path).split('\\').join('/');
    for (const hole of pattern ? holes(pattern, file) : ['(none)'])
      if (!found.includes(`${where}: ${hole}`)) found.push(`${where}: ${hole}`);
  });
  return found;
}

describe('regular expressions', () => {
  // Protects: no rule or language builds a pattern from the analyzed document's text unescaped
  // (an ENV named `(x+x+)+y` made docker/secret-in-env exponential; `TOKEN(` crashed it).
  it('are built from document text only through escapeRegExp (or are reviewed)', () => {
    const built = builtPatterns();
    const unreviewed = built.filter((site) => !(site in reviewedPatterns));
    assert.deepEqual(unreviewed, [], 'review each and list it in reviewedPatterns, or escape its values');
    // A reviewed site that no longer exists is taken off the list.
    assert.deepEqual(
      Object.keys(reviewedPatterns).filter((site) => !built.includes(site)),
      [],
    );
  });

  it(
    'are all free of super-linear backtracking (recheck)',
    { timeout: 240000, skip: quickSkip('recheck of every literal, about a minute') },
    () => {
      const literals = regexLiterals();
      assert.ok(literals.length > 100, `found ${literals.length} literals`);
      const unsafe: string[] = [];
      for (const { where, source, flags } of literals) {
        const result = checkSync(source, flags.replace(/[gy]/g, ''), { timeout: 20000 });
        if (result.status === 'vulnerable')
          unsafe.push(
            `${where} /${source}/ is ${result.complexity.type}: attack ${JSON.stringify(result.attack.string.slice(0, 60))}`,
          );
        else if (result.status === 'unknown')
          unsafe.push(`${where} /${source}/ could not be checked: ${result.error.kind}`);
      }
      console.log(`# recheck: ${literals.length} regular expressions, ${unsafe.length} unsafe`);
      assert.deepEqual(unsafe, []);
    },
  );

  it('secret patterns stay linear on adversarial 100 KB lines', (t) => {
    const filler = (n: number, chars: string) => Array.from({ length: n }, (_, i) => chars[i % chars.length]).join('');
    let slowest = { ms: 0, what: '' };
    for (const format of credentialFormats) {
      for (const prefix of format.prefixes) {
        const inputs = [
          prefix + filler(100_000, 'aB3_-'),
          filler(100_000 / prefix.length, prefix),
          (prefix + 'x:').repeat(100_000 / (prefix.length + 2)),
          'postgres://' + filler(100_000, 'a:@'),
          '-----BEGIN PRIVATE KEY-----\n' + filler(100_000, 'A=/+'),
        ];
        for (const input of inputs) {
          // A hang detector, not a speed test: linear matching takes milliseconds here, a
          // backtracking pattern seconds to hours. CPU time, so a busy machine does not count.
          const ms = cpuMsOf(() => findCredentials(input), 1500);
          if (ms > slowest.ms) slowest = { ms, what: `${format.id} on ${JSON.stringify(input.slice(0, 30))}…` };
          assert.ok(
            ms < 1500,
            `${format.id} took ${ms.toFixed(0)} ms of CPU on ${JSON.stringify(input.slice(0, 30))}…`,
          );
        }
      }
    }
    t.diagnostic(`slowest: ${slowest.ms.toFixed(1)} ms of CPU, ${slowest.what}`);
  });
});
