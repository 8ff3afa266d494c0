// A caller's value in a program's argument list, where the program reads options: no shell is
// involved, but `--upload-pack=touch /tmp/x` for git or `-oProxyCommand=…` for ssh runs commands
// all the same. `--` (git: `--end-of-options`) ends the options, so the value stays an operand.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { forEachIdentifier, mayBeMember, mentionsModule } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { processModules, processRunners, runnerOf, spawners } from '../../knowledge/processes';
import { callsNamed, describeTaint, flowOf, sinkTaint, type SinkTaint } from '../../knowledge/taint';
import { isConstant, skipOuterExpressions, staticString, variableInitializer } from '../../languages/typescript/values';
import { shorten } from '../../core/text';

/**
 * Programs whose options can run commands, write files or read secrets: an operand that starts
 * with `-` turns into one of them.
 */
const optionParsers = new Set([
  'git',
  'kubectl',
  'helm',
  'curl',
  'wget',
  'ssh',
  'scp',
  'sftp',
  'rsync',
  'tar',
  'zip',
  'unzip',
  '7z',
  'find',
  'docker',
  'podman',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'gh',
  'hg',
  'svn',
  'ffmpeg',
  'convert',
  'magick',
  'psql',
  'mysql',
  'mongosh',
  'aws',
  'gcloud',
  'az',
  'terraform',
  'openssl',
  'gpg',
  'sed',
  'grep',
  'rg',
  'xargs',
  'env',
  'sudo',
  'pip',
  'systemctl',
  'journalctl',
  'idb',
  'xcrun',
  'adb',
]);

/** The program's name as the system finds it: `/usr/bin/git` and `git.exe` are git. */
function programName(program: string): string {
  const base = program.split(/[\\/]/).pop() ?? program;
  return base.replace(/\.(?:exe|cmd)$/i, '').toLowerCase();
}

/** The end-of-options marker a program understands. */
function endOfOptions(program: string): string {
  // git reads `--` as "paths follow": `--end-of-options` (git 2.24+) keeps revisions revisions.
  return program === 'git' ? '--end-of-options' : '--';
}

/**
 * The argument list a call passes, in order: an array literal written inline, or held in a
 * variable of the file together with what is pushed onto it before the call
 * (`const argv = ['delete', 'pod']; argv.push(name)`).
 */
function argumentElements(
  file: TsFile,
  argument: ts.Expression | undefined,
  call: ts.Node,
): readonly ts.Expression[] | undefined {
  if (!argument) return undefined;
  const e = skipOuterExpressions(argument);
  if (ts.isArrayLiteralExpression(e)) return e.elements;
  if (!ts.isIdentifier(e)) return undefined;
  const initializer = variableInitializer(file, e);
  const value = initializer && skipOuterExpressions(initializer);
  if (!value || !ts.isArrayLiteralExpression(value)) return undefined;
  const declaration = file.resolve(e);
  const pushed: ts.Expression[] = [];
  if (declaration && file.text.includes(`${e.text}.push(`)) {
    forEachIdentifier(file, [e.text], (identifier) => {
      const access = identifier.parent;
      if (
        !ts.isPropertyAccessExpression(access) ||
        access.expression !== identifier ||
        access.name.text !== 'push' ||
        !ts.isCallExpression(access.parent) ||
        access.parent.expression !== access ||
        access.parent.end > file.start(call) ||
        file.resolve(identifier) !== declaration
      )
        return;
      pushed.push(...access.parent.arguments);
    });
  }
  return [...value.elements, ...pushed.sort((a, b) => a.pos - b.pos)];
}

/** A template or concatenation with a literal head (`--branch=${b}`, `refs/heads/${b}`): the value cannot start the word. */
function hasLiteralHead(file: TsFile, element: ts.Expression): boolean {
  const e = skipOuterExpressions(element);
  if (ts.isTemplateExpression(e)) return e.head.text !== '';
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    let left: ts.Expression = e;
    while (ts.isBinaryExpression(left) && left.operatorToken.kind === ts.SyntaxKind.PlusToken)
      left = skipOuterExpressions(left.left);
    const head = staticString(file, left);
    return head !== undefined && head !== '';
  }
  return false;
}

export const argumentInjection: TsRule = {
  id: 'ts/argument-injection',
  language: 'typescript',
  meta: {
    title: "Caller's value where a program reads options",
    summary: 'tainted values in the argument list of programs that parse options, with no `--` before them',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      '`execFile`/`spawn` with an argument list keep the shell out, but the program still reads its own options. A value from a request or tool argument that starts with `-` becomes one: `--upload-pack=…` makes git run a command, `-oProxyCommand=…` does the same for ssh, `-o`/`--output` makes curl write any file, `--checkpoint-action=exec=…` makes tar run one.',
    remedy:
      'Put `--` (for git, `--end-of-options`) before values that come from callers, or refuse values that start with `-`.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;

    /** Checks one argument list of `program`; `at` is the call the values reach the program at. */
    const checkList = (program: string, elements: readonly ts.Expression[], at: ts.Node): void => {
      const marker = endOfOptions(program);
      for (const [index, element] of elements.entries()) {
        const word = staticString(file, element);
        // Everything after `--` is an operand.
        if (word === '--' || word === '--end-of-options') return;
        if (word !== undefined || isConstant(file, element) || hasLiteralHead(file, element)) continue;
        // `-n ns`, `--namespace ns`: the value is the option's own argument (a cluster of flags
        // such as `-sS` takes none).
        const previous = index > 0 ? staticString(file, elements[index - 1]) : undefined;
        if (previous !== undefined && /^(?:-[A-Za-z]|--[A-Za-z][\w-]*)$/.test(previous)) continue;
        const value = ts.isSpreadElement(element) ? element.expression : element;
        // sinkTaint drops a value checked before the call (`if (x.startsWith('-')) throw …`, a regex test).
        const taint = sinkTaint(file, value, 'plain', at);
        if (!taint) continue;
        const later = elements.slice(index + 1).map((e) => staticString(file, e));
        // Inserting `--` is exact only when nothing after it is meant as an option.
        const fix: DraftFix | undefined = later.some((w) => w !== undefined && w.startsWith('-'))
          ? undefined
          : {
              title: `Insert '${marker}' before '${shorten(file.textOf(element))}' (it stays an operand)`,
              kind: 'suggestion',
              edits: [{ start: file.start(element), end: file.start(element), newText: `'${marker}', ` }],
            };
        const several = ts.isSpreadElement(element);
        const message = (taint: SinkTaint): string =>
          `${several ? 'These arguments' : 'This argument'} of ${program} come${several ? '' : 's'} from ${describeTaint(taint)}: a value starting with '-' is read as an option (${program === 'git' ? "'--upload-pack=…' runs a command" : program === 'ssh' || program === 'scp' ? "'-oProxyCommand=…' runs a command" : 'options can run commands or write files'}). Put '${marker}' before it, or refuse values that start with '-'.`;
        context.report({
          start: file.start(element),
          end: element.end,
          message: message(taint),
          fixes: fix ? [fix] : [],
          ...flowOf(taint),
        });
        // One finding per list: the fix covers the rest.
        return;
      }
    };

    /** `const [program, ...argv] = line.split(' '); spawn(program, argv)`: a command line split on spaces. */
    const splitLine = (call: ts.CallExpression, programArgument: ts.Expression): boolean => {
      const e = skipOuterExpressions(programArgument);
      const declaration = ts.isIdentifier(e) ? file.resolve(e) : undefined;
      if (!declaration || !ts.isBindingElement(declaration) || !ts.isArrayBindingPattern(declaration.parent))
        return false;
      const holder = declaration.parent.parent;
      const split = ts.isVariableDeclaration(holder) && holder.initializer && skipOuterExpressions(holder.initializer);
      if (!split || !ts.isCallExpression(split)) return false;
      const method = skipOuterExpressions(split.expression);
      if (!ts.isPropertyAccessExpression(method) || method.name.text !== 'split') return false;
      const line = method.expression;
      const taint = sinkTaint(file, line, 'plain', call);
      if (!taint) return true;
      context.report({
        start: file.start(call),
        end: call.end,
        message: `The program and its arguments come from a command line split on spaces, built from ${describeTaint(taint)}: a space in the value adds arguments, options among them ('--kubeconfig=…', '-o…'). Build the argument list from separate values.`,
        ...flowOf(taint),
      });
      return true;
    };

    /** `const run = (program, argv) => execFileSync(program, argv)`: checked at each call of the file. */
    const throughWrapper = (programArgument: ts.Expression, listArgument: ts.Expression): void => {
      const program = skipOuterExpressions(programArgument);
      const declaration = ts.isIdentifier(program) ? file.resolve(program) : undefined;
      if (!declaration || !ts.isParameter(declaration)) return;
      const fn = declaration.parent;
      const name = wrapperName(fn);
      if (!name) return;
      const programIndex = fn.parameters.indexOf(declaration);
      const list = skipOuterExpressions(listArgument);
      const listDeclaration = ts.isIdentifier(list) ? file.resolve(list) : undefined;
      const listIndex =
        listDeclaration && ts.isParameter(listDeclaration) ? fn.parameters.indexOf(listDeclaration) : -1;
      for (const site of callsNamed(file, name).slice(0, 40)) {
        const written = site.arguments[programIndex] && staticString(file, site.arguments[programIndex]);
        if (written === undefined || !optionParsers.has(programName(written))) continue;
        const elements =
          listIndex >= 0 ? argumentElements(file, site.arguments[listIndex], site) : argumentElements(file, list, site);
        if (elements) checkList(programName(written), elements, site);
      }
    };

    return {
      calls: { module: { key: 'processRunners', modules: processModules, members: processRunners } },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (
          call.arguments.length < 2 ||
          !mentionsModule(file, 'processRunners', processModules) ||
          !mayBeMember(file, callee, 'processRunners', processRunners)
        )
          return;
        const runner = runnerOf(file, callee);
        if (!runner || !spawners.has(runner.member) || !processModules.includes(runner.module)) return;
        const written = staticString(file, call.arguments[0]);
        if (written === undefined) {
          if (!splitLine(call, call.arguments[0])) throughWrapper(call.arguments[0], call.arguments[1]);
          return;
        }
        const program = programName(written);
        if (!optionParsers.has(program)) return;
        const elements = argumentElements(file, call.arguments[1], call);
        if (elements) checkList(program, elements, call);
      },
    };
  },
};

/** The name a wrapper is called by in its file: `function run(…)`, `const run = (…) => …`. */
function wrapperName(fn: ts.SignatureDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    ts.isVariableDeclaration(fn.parent) &&
    ts.isIdentifier(fn.parent.name)
  )
    return fn.parent.name.text;
  return undefined;
}
