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
  namesReaching,
} from '../../languages/typescript/modules';
import {
  commandStringRunners,
  processModules as modules,
  processRunners as runners,
  runnerOf,
  shellOptionModules,
  shellRunners,
  spawners,
} from '../../knowledge/processes';
import type { TsRule } from '../../languages/typescript/rule';
import {
  describeSource,
  describeTaint,
  flowOf,
  isDeferred,
  callsNamed,
  isGuarded,
  localFlow,
  sinkTaint,
  sourceRelated,
  taintOf,
} from '../../knowledge/taint';
import { functionKey, isExportedKey } from '../../languages/typescript/exports';
import {
  constInitializer,
  isConstant,
  isNumberValued,
  propertyValue,
  skipOuterExpressions,
  staticString,
  variableInitializer,
} from '../../languages/typescript/values';
import { shorten } from '../../core/text';

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

/**
 * The spliced values of a command whose type and origin the file cannot tell: not constants,
 * not numbers (`${pid}` with `pid: number`, `${Number(x)}`). A command held in a variable is
 * looked through once; one built elsewhere is unknown as a whole.
 */
function unknownSplices(file: TsFile, command: ts.Expression, depth = 0): ts.Expression[] {
  const e = skipOuterExpressions(command);
  if (isConstant(file, e) || isNumberValued(file, e) || depth > 4) return [];
  if (ts.isConditionalExpression(e))
    return [...unknownSplices(file, e.whenTrue, depth + 1), ...unknownSplices(file, e.whenFalse, depth + 1)];
  if (ts.isTemplateExpression(e))
    return e.templateSpans.flatMap((span) => unknownSplices(file, span.expression, depth + 1));
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return [...unknownSplices(file, e.left, depth + 1), ...unknownSplices(file, e.right, depth + 1)];
  if (ts.isIdentifier(e)) {
    const initializer = depth === 0 ? variableInitializer(file, e) : undefined;
    if (initializer) return unknownSplices(file, initializer, depth + 1);
    if (passedOnlyConstants(file, e)) return [];
  }
  return [e];
}

/**
 * A parameter of a helper other files cannot call (`function run(line) { exec(line) }`) whose
 * every call in the file passes a constant: the commands are the file's own.
 */
function passedOnlyConstants(file: TsFile, identifier: ts.Identifier): boolean {
  const declaration = file.resolve(identifier);
  if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const fn = declaration.parent;
  const index = fn.parameters.indexOf(declaration);
  const name = ts.isFunctionDeclaration(fn)
    ? fn.name?.text
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        ts.isVariableDeclaration(fn.parent) &&
        ts.isIdentifier(fn.parent.name)
      ? fn.parent.name.text
      : undefined;
  if (!name || !ts.isFunctionLike(fn)) return false;
  const key = functionKey(fn);
  if (key === undefined || isExportedKey(file, key)) return false;
  const calls = callsNamed(file, name);
  return (
    calls.length > 0 &&
    calls.every((call) => {
      const argument = call.arguments[index];
      return argument !== undefined && isConstant(file, argument);
    })
  );
}

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

/** Packages that hand a URL or a path to the system's opener (xdg-open, `start`, macOS `open`). */
const openerModules = ['open', 'opn', 'open-url', 'better-opn', 'openurl'];
/** Programs that run whatever their arguments name: a package, a script, a command. */
const launchers =
  /^(?:npx|uvx|bunx|pnpx|node|deno|bun|python3?|ruby|perl|php|bash|sh|zsh|cmd|powershell|pwsh|docker|podman|uv|pipx)$/i;

/**
 * Where a URL comes from a remote server rather than from the program: a fetched response's
 * body (`(await res.json()).authorization_endpoint`), or the URL an MCP client's OAuth provider
 * is told to open (`redirectToAuthorization(url)`, built from the server's metadata).
 */
function remoteOrigin(file: TsFile, expression: ts.Expression, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const e = skipOuterExpressions(expression);
  const next = (x: ts.Expression): string | undefined => remoteOrigin(file, x, depth + 1);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return next(e.expression);
  if (ts.isAwaitExpression(e)) return next(e.expression);
  if (ts.isTemplateExpression(e)) {
    if (e.head.text !== '') return undefined; // a literal scheme and host come first
    return e.templateSpans.length > 0 ? next(e.templateSpans[0].expression) : undefined;
  }
  if (ts.isNewExpression(e)) return e.arguments?.[0] ? next(e.arguments[0]) : undefined;
  if (ts.isCallExpression(e)) {
    const callee = skipOuterExpressions(e.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'json' || method === 'text') return 'a fetched response';
      if (method === 'toString' || method === 'trim') return next(callee.expression);
    }
    if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments[0]) return next(e.arguments[0]);
    return undefined;
  }
  if (!ts.isIdentifier(e)) return undefined;
  const declaration = file.resolve(e);
  if (!declaration) return undefined;
  if (ts.isParameter(declaration)) {
    const fn = declaration.parent;
    const name =
      ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn) ? fn.name?.getText(file.sourceFile) : undefined;
    return name === 'redirectToAuthorization' ? "the authorization URL from the server's OAuth metadata" : undefined;
  }
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) return next(declaration.initializer);
  if (ts.isBindingElement(declaration)) {
    const holder = declaration.parent.parent;
    if (ts.isVariableDeclaration(holder) && holder.initializer) return next(holder.initializer);
  }
  return undefined;
}

/** A `new Exec(kubeConfig)` of @kubernetes/client-node (inline, or held in a variable or a field). */
function isPodExec(file: TsFile, receiver: ts.Expression): boolean {
  if (!file.text.includes('@kubernetes/client-node')) return false;
  let e = skipOuterExpressions(receiver);
  const initializer = ts.isIdentifier(e) ? variableInitializer(file, e) : undefined;
  if (initializer) e = skipOuterExpressions(initializer);
  if (!ts.isNewExpression(e) && ts.isPropertyAccessExpression(e)) return /exec/i.test(e.name.text);
  if (!ts.isNewExpression(e)) return false;
  const made = skipOuterExpressions(e.expression);
  return (
    (ts.isIdentifier(made) && made.text === 'Exec') ||
    (ts.isPropertyAccessExpression(made) && made.name.text === 'Exec')
  );
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
      calls: {
        module: { key: 'processRunners', modules, members: runners },
        reaching: { key: 'openers', modules: openerModules },
        // new k8s.Exec(config).exec(namespace, pod, container, command, …)
        names: new Set(['exec']),
      },
      [ts.SyntaxKind.NewExpression]: (creation) => {
        // new StdioClientTransport({ command, args, env }): the MCP SDK spawns that program.
        const callee = skipOuterExpressions(creation.expression);
        const name = ts.isIdentifier(callee) ? callee : ts.isPropertyAccessExpression(callee) ? callee.name : undefined;
        if (name?.text !== 'StdioClientTransport' || !creation.arguments?.[0]) return;
        if (
          ts.isIdentifier(callee) &&
          !bindingOfIdentifier(file, callee)?.module.startsWith('@modelcontextprotocol/sdk')
        )
          return;
        const options = creation.arguments[0];
        const command = propertyValue(options, 'command');
        const program = command && staticString(file, command);
        const parts: Array<[ts.Expression | undefined, string]> = ts.isObjectLiteralExpression(
          skipOuterExpressions(options),
        )
          ? [
              [command, 'the program it starts'],
              // npx/uvx/node/docker run whatever their arguments name.
              [
                program === undefined || launchers.test(program) ? propertyValue(options, 'args') : undefined,
                `what ${program ?? 'it'} runs`,
              ],
              [propertyValue(options, 'env'), 'its environment (NODE_OPTIONS, LD_PRELOAD run code)'],
            ]
          : [[options, 'the program it starts and its arguments']];
        for (const [value, what] of parts) {
          if (!value || isConstant(file, value)) continue;
          const taint = sinkTaint(file, value, 'plain', creation);
          if (!taint) continue;
          context.report({
            start: file.start(value),
            end: value.end,
            message: `StdioClientTransport spawns a process, and ${what} comes from ${describeTaint(taint)}: the caller runs any command on this machine. Start only servers from a fixed list, with fixed commands and arguments.`,
            severity: 'error',
            ...flowOf(taint),
          });
          return;
        }
      },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        if (
          ts.isPropertyAccessExpression(callee) &&
          callee.name.text === 'exec' &&
          isPodExec(file, callee.expression)
        ) {
          const command = call.arguments[3];
          if (!command || isConstant(file, command)) return;
          // ['/bin/sh', '-c', script]: the script is a shell command line in the container.
          const list = skipOuterExpressions(command);
          const flag = ts.isArrayLiteralExpression(list)
            ? list.elements.findIndex((e) => scriptFlags.has(staticString(file, e) ?? ''))
            : -1;
          const shellProgram =
            ts.isArrayLiteralExpression(list) && flag > 0 && shells.test(staticString(file, list.elements[0]) ?? '');
          const script = shellProgram ? (list as ts.ArrayLiteralExpression).elements[flag + 1] : undefined;
          const value = script ?? command;
          if (ts.isSpreadElement(value) || isConstant(file, value)) return;
          const taint = sinkTaint(file, value, 'plain', call);
          if (!taint) return;
          context.report({
            start: file.start(value),
            end: value.end,
            message: script
              ? `The script the pod's shell runs (${shorten(file.textOf((list as ts.ArrayLiteralExpression).elements[0]))} -c) is built from ${describeTaint(taint)}: the caller runs any command in the container. Run a fixed program with an argument list, or refuse the tool.`
              : `The command run in the pod comes from ${describeTaint(taint)}: the caller chooses the program and its arguments in the container. Run a fixed program, with the caller's values as arguments only.`,
            severity: 'error',
            ...flowOf(taint),
          });
          return;
        }
        if (
          ts.isIdentifier(callee) &&
          call.arguments.length > 0 &&
          namesReaching(file, 'openers', openerModules).has(callee.text) &&
          openerModules.includes(bindingOfIdentifier(file, callee)?.module ?? '')
        ) {
          // open(url): the system opener runs what a file:, a custom scheme or a path names.
          const target = call.arguments[0];
          if (isConstant(file, target)) return;
          let taint = sinkTaint(file, target, 'url', call);
          const remote = taint?.source ? undefined : remoteOrigin(file, target);
          if (remote) {
            if (isGuarded(file, call, target)) return;
            taint = undefined;
          } else if (!taint) return;
          const from = taint ? describeTaint(taint) : remote;
          context.report({
            start: file.start(target),
            end: target.end,
            message: `${callee.text}() hands this URL to the system's opener, and it comes from ${from}: a file: URL, a custom scheme or a path starts a program. Check that new URL(…).protocol is 'https:' or 'http:' first.`,
            severity: 'error',
            ...(taint ? flowOf(taint) : {}),
          });
          return;
        }
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
            ...localFlow(taint),
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
          // The options written at the call, or held in a const of the file.
          const options = call.arguments
            .slice(1)
            .map((a) => {
              const e = skipOuterExpressions(a);
              return ts.isIdentifier(e) ? constInitializer(file, e) : e;
            })
            .find((a) => a !== undefined && ts.isObjectLiteralExpression(skipOuterExpressions(a)));
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
              ...(source ? sourceRelated(source) : {}),
            });
            return;
          }
        }
        if (!shell || isConstant(file, command)) return;
        const taint = sinkTaint(file, command, 'plain', undefined);
        const source = taint?.source;
        // `taskkill /pid ${pid} /F` with `pid: number`: nothing but numbers and constants in it.
        const unknown = source ? [] : unknownSplices(file, command);
        if (!source && unknown.length === 0) return;
        const origin = `'${shorten([...new Set(unknown.map((e) => file.textOf(e)))].join("', '"))}', whose origin is unknown`;
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
              : `The command string for ${member.member} is built from ${origin}: its words choose the program and its arguments. Use execa(file, [args]) with a constant program.`,
            severity: source ? 'error' : 'warning',
            ...localFlow(taint),
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
            : `The shell command for ${runner} is built from ${origin}: any shell syntax in it runs as a command. Use execFile with an argument list.`,
          severity: source ? 'error' : 'warning',
          fixes: fix ? [fix] : [],
          ...localFlow(taint),
        });
        if (taint && isDeferred(taint))
          context.report({ ...at, message: shellTainted(describeTaint(taint)), severity: 'error', ...flowOf(taint) });
      },
    };
  },
};
