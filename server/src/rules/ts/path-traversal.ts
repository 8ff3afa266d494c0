// File system access with a path from the caller: `../../etc/passwd`, or an absolute path,
// reads or overwrites any file the server can reach.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { appendHelperFunction } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import { importDefault } from '../../languages/typescript/imports';
import {
  isModuleMember,
  mayBeMember,
  mentionsModule,
  moduleMemberOf,
  namespaceNameOf,
} from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, sinkTaint } from '../../knowledge/taint';
import { isConstant, propertyValue, skipOuterExpressions } from '../../languages/typescript/values';

const fsModules = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs'];
const onePath = new Set([
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createReadStream',
  'createWriteStream',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'readdir',
  'readdirSync',
  'stat',
  'statSync',
  'lstat',
  'lstatSync',
  'access',
  'accessSync',
  'open',
  'openSync',
  'mkdir',
  'mkdirSync',
  'exists',
  'existsSync',
  'readlink',
  'readlinkSync',
  'chmod',
  'chmodSync',
  'chown',
  'chownSync',
  'truncate',
  'truncateSync',
  'opendir',
  'opendirSync',
  'readJson',
  'readJsonSync',
  'writeJson',
  'writeJsonSync',
  'outputFile',
  'outputFileSync',
  'remove',
  'removeSync',
  'realpath',
  'realpathSync',
]);
const twoPaths = new Set([
  'copyFile',
  'copyFileSync',
  'rename',
  'renameSync',
  'copy',
  'copySync',
  'move',
  'moveSync',
  'symlink',
  'symlinkSync',
  'link',
  'linkSync',
  'cp',
  'cpSync',
]);
const fsPathFunctions: ReadonlySet<string> = new Set([...onePath, ...twoPaths]);
const responseFileMethods = new Set(['sendFile', 'download', 'sendfile', 'attachment']);
const HELPER = 'resolveInside';

/** The path arguments of a file-system call, if `call` is one. */
function fsPathArguments(file: TsFile, call: ts.CallExpression): { name: string; paths: ts.Expression[] } | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (!mentionsModule(file, 'fsPaths', fsModules) || !mayBeMember(file, callee, 'fsPaths', fsPathFunctions))
    return undefined;
  let member = moduleMemberOf(file, callee);
  // fs.promises.readFile(…)
  if (
    !member &&
    ts.isPropertyAccessExpression(callee) &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'promises'
  ) {
    if (isModuleMember(file, callee.expression, ['fs'], ['promises']))
      member = { module: 'fs', member: callee.name.text };
  }
  if (!member || !fsModules.includes(member.module)) return undefined;
  const count = onePath.has(member.member) ? 1 : twoPaths.has(member.member) ? 2 : 0;
  if (count === 0) return undefined;
  return { name: member.member, paths: call.arguments.slice(0, count) };
}

/** path.basename(x) keeps only the last segment: no traversal left. */
/** `path.join(BASE, x)` / `path.resolve(BASE, x)` with a constant base: the fix can contain it. */
function containmentFix(file: TsFile, target: ts.Expression): DraftFix | undefined {
  const e = skipOuterExpressions(target);
  if (
    !ts.isCallExpression(e) ||
    e.arguments.length < 2 ||
    !isModuleMember(file, skipOuterExpressions(e.expression), ['path'], ['join', 'resolve'])
  )
    return undefined;
  const [base, ...rest] = e.arguments;
  if (!isConstant(file, base) && !(ts.isIdentifier(base) && base.text === '__dirname')) return undefined;
  const existing = namespaceNameOf(file, 'path');
  const imported = existing ? { reference: existing, edits: [] } : importDefault(file, 'path', 'path');
  const p = imported.reference;
  const body = `  const resolved = ${p}.resolve(base, target);
  const relative = ${p}.relative(base, resolved);
  if (relative === '..' || relative.startsWith('..' + ${p}.sep) || ${p}.isAbsolute(relative)) {
    throw new Error('Path is outside the allowed folder');
  }
  return resolved;
}`;
  const doc = '/** Resolves target against base; throws when the result is outside base. */\n';
  const targetText =
    rest.length === 1 ? file.textOf(rest[0]) : `${p}.join(${rest.map((r) => file.textOf(r)).join(', ')})`;
  return {
    title: `Keep the path inside ${file.textOf(base)} (${HELPER})`,
    kind: 'suggestion',
    edits: [
      ...imported.edits,
      { start: file.start(e), end: e.end, newText: `${HELPER}(${file.textOf(base)}, ${targetText})` },
      ...appendHelperFunction(
        file,
        HELPER,
        `${doc}function ${HELPER}(base: string, target: string): string {\n${body}`,
        `${doc}function ${HELPER}(base, target) {\n${body}`,
      ),
    ],
  };
}

export const pathTraversal: TsRule = {
  id: 'ts/path-traversal',
  language: 'typescript',
  meta: {
    title: 'File path from the caller without a containment check',
    summary: 'file paths from a request or a tool argument without a containment check',
    severity: 'error',
    guideSection: 'Secure Tool Development › Validate URLs and file paths',
    checklistItem: 'input-validation',
    description:
      'A file-system call (fs, fs/promises, fs-extra) or res.sendFile/download gets a path built from a request or an MCP tool argument, and nothing checks that the resolved path stays inside the intended folder. `../` segments or an absolute path read or overwrite any file the process can reach: keys, .env, source.',
    remedy:
      'Resolve the path against the base folder and reject it when path.relative(base, resolved) starts with ".." or is absolute.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    const check = (call: ts.CallExpression, what: string, target: ts.Expression): boolean => {
      // A command-line tool reading the files its user names is not a traversal.
      const taint = sinkTaint(file, target, 'path', call);
      if (!taint) return false;
      const fix = taint.source ? containmentFix(file, target) : undefined;
      context.report({
        start: file.start(target),
        end: target.end,
        message: `${what} gets a path built from ${describeTaint(taint)} with no check that it stays inside the intended folder: '../' reaches any file.`,
        fixes: fix ? [fix] : [],
        ...flowOf(taint),
      });
      return true;
    };
    return {
      calls: { names: responseFileMethods, module: { key: 'fsPaths', modules: fsModules, members: fsPathFunctions } },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const fsCall = fsPathArguments(file, call);
        if (fsCall) {
          for (const target of fsCall.paths) if (check(call, fsCall.name, target)) return;
          return;
        }
        const callee = skipOuterExpressions(call.expression);
        if (
          ts.isPropertyAccessExpression(callee) &&
          responseFileMethods.has(callee.name.text) &&
          call.arguments.length > 0 &&
          /^(?:res|response|reply|resp)$/.test(file.textOf(callee.expression))
        ) {
          // res.sendFile(name, { root }) lets `send` reject '..' itself.
          const options = call.arguments[1];
          if (options && propertyValue(options, 'root')) return;
          check(call, `res.${callee.name.text}`, call.arguments[0]);
        }
      },
    };
  },
};
