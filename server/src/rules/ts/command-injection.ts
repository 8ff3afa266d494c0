// A shell command built from non-constant values: `exec(\`convert ${file}\`)` runs whatever the
// value contains after a `;`. execFile passes arguments without a shell.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { importNamed } from '../../languages/typescript/imports';
import {
  bindingOfIdentifier,
  isPromisified,
  mayBeMember,
  mentionsModule,
  moduleMemberOf,
} from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeSource, describeTaint, flowOf, isDeferred, sinkTaint, taintOf } from '../../knowledge/taint';
import { isConstant, propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const shellRunners = new Set(['exec', 'execSync']);
/** execa's command-string runners: no shell, but the string picks the program and its arguments. */
const commandStringRunners = new Set(['execaCommand', 'execaCommandSync']);
const spawners = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execa', 'execaSync']);
/** Modules whose spawners take a `shell` option. */
const shellOptionModules = new Set(['child_process', 'execa', 'cross-spawn']);
const modules = ['child_process', 'shelljs', 'execa', 'cross-spawn'];
const runners: ReadonlySet<string> = new Set([...shellRunners, ...commandStringRunners, ...spawners, 'sync']);

/**
 * The runner a callee is: a module member (`exec`, `cp.exec`, `promisify(exec)` under any name),
 * or cross-spawn's default export (`spawn(…)`, `spawn.sync(…)`).
 */
function runnerOf(file: TsFile, callee: ts.Expression): { module: string; member: string } | undefined {
  const member = moduleMemberOf(file, callee);
  if (member && member.module === 'cross-spawn')
    return member.member === 'sync' ? { module: 'cross-spawn', member: 'spawnSync' } : undefined;
  if (member) return member;
  if (ts.isIdentifier(callee)) {
    const binding = bindingOfIdentifier(file, callee);
    if (binding?.module === 'cross-spawn' && (binding.imported === 'default' || binding.imported === '*'))
      return { module: 'cross-spawn', member: 'spawn' };
  }
  return undefined;
}

/** Splits a template or concatenation into words: a literal program and literal or expression arguments. */
function splitCommand(file: TsFile, command: ts.Expression): { program: string; args: string[] } | undefined {
  const e = skipOuterExpressions(command);
  const pieces: Array<string | ts.Expression> = [];
  if (ts.isTemplateExpression(e)) {
    pieces.push(e.head.text);
    for (const span of e.templateSpans) pieces.push(span.expression, span.literal.text);
  } else {
    const flatten = (x: ts.Expression): void => {
      const y = skipOuterExpressions(x);
      if (ts.isBinaryExpression(y) && y.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        flatten(y.left);
        flatten(y.right);
      } else if (ts.isStringLiteralLike(y)) pieces.push(y.text);
      else pieces.push(y);
    };
    flatten(e);
    if (!ts.isBinaryExpression(e)) return undefined;
  }
  type Word = { literal: string } | { expression: string };
  const words: Word[] = [];
  let current: Word | undefined;
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      // Anything the shell would interpret makes a plain argument list a different command.
      if (/[|&;<>()$`\\"'*?[\]{}~#!\n\t]/.test(piece)) return undefined;
      piece.split(' ').forEach((token, i) => {
        if (i > 0 && current) {
          words.push(current);
          current = undefined;
        }
        if (token === '') return;
        if (current && 'expression' in current) throw new Glued();
        current = { literal: (current?.literal ?? '') + token };
      });
    } else {
      if (current) return undefined; // `--out=${x}`: a word glued to a value
      current = { expression: file.textOf(piece) };
    }
  }
  if (current) words.push(current);
  const [program, ...rest] = words;
  if (!program || !('literal' in program)) return undefined;
  return {
    program: file.quoted(program.literal),
    args: rest.map((w) => ('literal' in w ? file.quoted(w.literal) : w.expression)),
  };
}

class Glued extends Error {}

function execFileFix(
  file: TsFile,
  call: ts.CallExpression,
  method: string,
  command: ts.Expression,
): DraftFix | undefined {
  let split: ReturnType<typeof splitCommand>;
  try {
    split = splitCommand(file, command);
  } catch (error) {
    if (error instanceof Glued) return undefined;
    throw error;
  }
  if (!split) return undefined;
  const replacement = method === 'exec' ? 'execFile' : 'execFileSync';
  const callee = skipOuterExpressions(call.expression);
  const edits: OffsetEdit[] = [];
  if (ts.isPropertyAccessExpression(callee)) {
    edits.push({ start: file.start(callee.name), end: callee.name.end, newText: replacement });
  } else if (ts.isIdentifier(callee)) {
    const member = moduleMemberOf(file, callee);
    if (!member || member.module !== 'child_process') return undefined;
    // Name the module as the file does ('node:child_process' or 'child_process').
    const specifier = /['"](node:)?child_process['"]/.exec(file.text)?.[1] ? 'node:child_process' : 'child_process';
    const imported = importNamed(file, specifier, replacement);
    edits.push(...imported.edits);
    edits.push({ start: file.start(callee), end: callee.end, newText: imported.reference });
  } else return undefined;
  edits.push({ start: file.start(command), end: command.end, newText: `${split.program}, [${split.args.join(', ')}]` });
  return { title: `Run it with ${replacement} and an argument list (no shell)`, kind: 'suggestion', edits };
}

/** Shells that run the argument after `-c` (or `/c`, `-Command`) as a command line. */
const shells =
  /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|fish|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh(?:\.exe)?)$/i;
const scriptFlags = new Set(['-c', '/c', '/C', '-Command', '-command', '-lc', '-ic']);

/** `spawn('bash', ['-c', script])`: the non-constant script a shell is told to run, if that is what the call does. */
function shellScriptArgument(file: TsFile, call: ts.CallExpression): ts.Expression | undefined {
  const program = staticString(file, call.arguments[0]);
  if (program === undefined || !shells.test(program)) return undefined;
  const list = call.arguments[1] && skipOuterExpressions(call.arguments[1]);
  if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
  const flag = list.elements.findIndex((e) => scriptFlags.has(staticString(file, e) ?? ''));
  const script = flag >= 0 ? list.elements[flag + 1] : undefined;
  return script && !ts.isSpreadElement(script) && !isConstant(file, script) ? script : undefined;
}

export const commandInjection: TsRule = {
  id: 'ts/command-injection',
  language: 'typescript',
  meta: {
    title: 'Shell command built from non-constant values',
    summary: 'shell commands built from non-constant values',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs',
    checklistItem: 'input-validation',
    description:
      "`exec`/`execSync` (and `spawn` with `shell: true`) hand the whole command to a shell. A value spliced into it can end the command with `;`, `&&` or `$(…)` and run anything with the server's rights: for an MCP tool, whatever a prompt-injected model asks for.",
    remedy: 'Run the program with execFile/spawn and an argument array, so values are never parsed by a shell.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: { module: { key: 'processRunners', modules, members: runners } },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (
          call.arguments.length === 0 ||
          !mentionsModule(file, 'processRunners', modules) ||
          !mayBeMember(file, callee, 'processRunners', runners)
        )
          return;
        const member = runnerOf(file, callee);
        if (!member || !modules.includes(member.module)) return;
        // spawn('bash', ['-c', script]): the script is a shell command line like exec's.
        const script = spawners.has(member.member) ? shellScriptArgument(file, call) : undefined;
        if (script) {
          const taint = sinkTaint(file, script, 'plain', undefined);
          const program = staticString(file, call.arguments[0]);
          const tainted = (described: string): string =>
            `The script ${program} -c runs is built from ${described}: a ';' or '$(…)' in it runs any command. Run the program itself with an argument list.`;
          context.report({
            start: file.start(script),
            end: script.end,
            message: taint?.source
              ? tainted(describeSource(taint.source))
              : `The script ${program} -c runs is not a constant: any shell syntax in the spliced values runs as a command. Run the program itself with an argument list.`,
            severity: taint?.source ? 'error' : 'warning',
          });
          if (taint && isDeferred(taint))
            context.report({
              start: file.start(script),
              end: script.end,
              message: tainted(describeTaint(taint)),
              severity: 'error',
              ...flowOf(taint),
            });
          return;
        }
        const command = call.arguments[0];
        let shell = false;
        if (shellRunners.has(member.member) || (commandStringRunners.has(member.member) && member.module === 'execa'))
          shell = true;
        else if (spawners.has(member.member) && shellOptionModules.has(member.module)) {
          const options = call.arguments.find((a, i) => i > 0 && ts.isObjectLiteralExpression(skipOuterExpressions(a)));
          const value = propertyValue(options, 'shell');
          shell = value !== undefined && value.kind !== ts.SyntaxKind.FalseKeyword;
          if (shell && isConstant(file, command)) {
            // spawn('ls', [dir], { shell: true }): the arguments go through the shell too.
            const args = call.arguments[1];
            if (
              args &&
              ts.isArrayLiteralExpression(skipOuterExpressions(args)) &&
              (skipOuterExpressions(args) as ts.ArrayLiteralExpression).elements.every((x) => isConstant(file, x))
            )
              return;
            if (!args || !ts.isArrayLiteralExpression(skipOuterExpressions(args))) return;
            const source = taintOf(file, args);
            context.report({
              start: file.start(args),
              end: args.end,
              message: `${member.member} with shell: true passes these arguments through a shell${source ? `, and they come from ${describeSource(source)}` : ''}. Drop the shell option.`,
              severity: source ? 'error' : 'warning',
            });
            return;
          }
        }
        if (!shell || isConstant(file, command)) return;
        const taint = sinkTaint(file, command, 'plain', undefined);
        const source = taint?.source;
        // A promisified exec resolves with its output; execFile calls back: no drop-in replacement.
        const promisified = ts.isIdentifier(callee) && isPromisified(file, callee);
        const fix =
          shellRunners.has(member.member) && member.module === 'child_process' && !promisified
            ? execFileFix(file, call, member.member, command)
            : undefined;
        const runner =
          promisified && ts.isIdentifier(callee) ? `${callee.text} (a promisified ${member.member})` : member.member;
        const at = { start: file.start(command), end: command.end };
        const stringTainted = (described: string): string =>
          `The command string for ${member.member} is built from ${described}: it chooses the program and every argument. Use execa(file, [args]) with a constant program.`;
        const shellTainted = (described: string): string =>
          `The shell command for ${runner} is built from ${described}: a ';' or '$(…)' in it runs any command. Use execFile with an argument list.`;
        if (commandStringRunners.has(member.member)) {
          context.report({
            ...at,
            message: source
              ? stringTainted(describeSource(source))
              : `The command string for ${member.member} is not a constant: its words choose the program and its arguments. Use execa(file, [args]) with a constant program.`,
            severity: source ? 'error' : 'warning',
          });
          if (taint && isDeferred(taint))
            context.report({
              ...at,
              message: stringTainted(describeTaint(taint)),
              severity: 'error',
              ...flowOf(taint),
            });
          return;
        }
        context.report({
          ...at,
          message: source
            ? shellTainted(describeSource(source))
            : `The shell command for ${runner} is not a constant: any shell syntax in the spliced values runs as a command. Use execFile with an argument list.`,
          severity: source ? 'error' : 'warning',
          fixes: fix ? [fix] : [],
        });
        if (taint && isDeferred(taint))
          context.report({ ...at, message: shellTainted(describeTaint(taint)), severity: 'error', ...flowOf(taint) });
      },
    };
  },
};
