// `path.normalize(p).startsWith(base)`: '/safe/directory-evil/x' starts with '/safe/directory',
// so a sibling folder passes the check. The guide's own example has this flaw.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { appendHelperFunction, replaceNode } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import type { FlowTarget } from '../../core/flows';
import { shorten } from '../../core/text';
import { localFunction } from '../../languages/typescript/declarations';
import { flowTarget } from '../../languages/typescript/exports';
import { isModuleMember, namespaceNameOf } from '../../languages/typescript/modules';
import { isNormalizingCall, pathModules, returnsNormalizedPath } from '../../knowledge/paths';
import type { TsRule } from '../../languages/typescript/rule';
import { skipOuterExpressions, staticString, variableInitializer } from '../../languages/typescript/values';

const HELPER = 'isPathInside';

/** The call that makes `expression` (directly or through a variable), if it is one. */
function callOf(file: TsFile, expression: ts.Expression): ts.CallExpression | undefined {
  let e = skipOuterExpressions(expression);
  if (ts.isIdentifier(e)) {
    const init = variableInitializer(file, e);
    if (!init) return undefined;
    e = skipOuterExpressions(init);
  }
  return ts.isCallExpression(e) ? e : undefined;
}

/**
 * How a checked path was normalized: by the path module or a wrapper of this file (`here`), or
 * by a function another workspace file exports (`elsewhere`: linking asks whether it normalizes).
 */
function normalization(
  file: TsFile,
  expression: ts.Expression,
): { here: true } | { elsewhere: { target: FlowTarget; text: string } } | undefined {
  if (isNormalizingCall(file, expression)) return { here: true };
  const call = callOf(file, expression);
  if (!call) return undefined;
  const callee = skipOuterExpressions(call.expression);
  const local = ts.isIdentifier(callee) ? localFunction(file, callee) : undefined;
  if (local) return returnsNormalizedPath(file, local) ? { here: true } : undefined;
  const target = flowTarget(file, call);
  return target ? { elsewhere: { target, text: shorten(file.textOf(callee)) } } : undefined;
}

/** A base that ends with a separator: '/srv/app/', base + path.sep, `${base}/`. */
function endsWithSeparator(file: TsFile, expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  const value = staticString(file, e);
  if (value !== undefined) return value.endsWith('/') || value.endsWith('\\');
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return endsWithSeparator(file, e.right);
  if (ts.isTemplateExpression(e)) {
    const tail = e.templateSpans[e.templateSpans.length - 1];
    if (tail.literal.text !== '') return tail.literal.text.endsWith('/') || tail.literal.text.endsWith('\\');
    return endsWithSeparator(file, tail.expression);
  }
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'sep') return isModuleMember(file, e, pathModules, ['sep']);
  if (ts.isIdentifier(e)) {
    if (isModuleMember(file, e, pathModules, ['sep'])) return true;
    const init = variableInitializer(file, e);
    return init !== undefined && endsWithSeparator(file, init);
  }
  return false;
}

/**
 * `'..'`, `'.'`, `'../..'`: a prefix made only of dot segments names no directory. Such a
 * startsWith asks whether a (relative) path climbs out or is relative at all — the escape test of
 * `path.relative(base, p).startsWith('..')` — not whether the path lies under a base folder.
 * (`'../'`, `'..' + path.sep` and `'/'` end with a separator and pass endsWithSeparator already.)
 */
function isDotSegmentPrefix(file: TsFile, expression: ts.Expression): boolean {
  const value = staticString(file, skipOuterExpressions(expression));
  return value !== undefined && /^\.\.?(?:[\\/]\.\.?)*$/.test(value);
}

function containmentFix(
  file: TsFile,
  call: ts.CallExpression,
  target: ts.Expression,
  base: ts.Expression,
): DraftFix | undefined {
  const pathName = namespaceNameOf(file, 'path') ?? namespaceNameOf(file, 'path/posix');
  if (!pathName) return undefined;
  const body = `  const relative = ${pathName}.relative(base, target);
  return relative !== '..' && !relative.startsWith('..' + ${pathName}.sep) && !${pathName}.isAbsolute(relative);
}`;
  const doc = '/** True when target is base itself or inside it, after resolving `..` segments. */\n';
  return {
    title: `Check containment with ${pathName}.relative (${HELPER})`,
    kind: 'suggestion',
    edits: [
      replaceNode(file, call, `${HELPER}(${file.textOf(base)}, ${file.textOf(target)})`),
      ...appendHelperFunction(
        file,
        HELPER,
        `${doc}function ${HELPER}(base: string, target: string): boolean {\n${body}`,
        `${doc}function ${HELPER}(base, target) {\n${body}`,
      ),
    ],
  };
}

export const weakPathCheck: TsRule = {
  id: 'ts/weak-path-check',
  language: 'typescript',
  meta: {
    title: 'Path containment checked with startsWith',
    summary: '`path.normalize(p).startsWith(base)` without a trailing separator',
    severity: 'warning',
    guideSection: 'Input Validation › Validate URLs and file paths',
    checklistItem: 'input-validation',
    description:
      "A normalized or resolved path is checked with `startsWith(base)` where `base` has no trailing separator. '/safe/directory-evil/secret' starts with '/safe/directory', so files in sibling folders pass the check. The guide's own validatePath example has this flaw.",
    remedy:
      'Resolve the path against the base and reject it when path.relative(base, resolved) starts with ".." or is absolute.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: { names: new Set(['startsWith']) },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = call.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'startsWith' || call.arguments.length !== 1)
          return;
        const target = callee.expression;
        const base = call.arguments[0];
        if (endsWithSeparator(file, base) || isDotSegmentPrefix(file, base)) return;
        const normalized = normalization(file, target);
        if (!normalized) return;
        const fix = containmentFix(file, call, target, base);
        context.report({
          start: file.start(call),
          end: call.end,
          message: `startsWith(${file.textOf(base)}) also accepts sibling folders such as '${describeBase(file, base)}-other'. Check containment with path.relative instead.`,
          fixes: fix ? [fix] : [],
          // normalizePath() of another file: linking reports it if that function normalizes.
          ...('elsewhere' in normalized
            ? {
                when: {
                  target: normalized.elsewhere.target,
                  trait: 'normalizes-path',
                  text: normalized.elsewhere.text,
                },
              }
            : {}),
        });
      },
    };
  },
};

function describeBase(file: TsFile, base: ts.Expression): string {
  const value = staticString(file, base);
  return value !== undefined && value.length <= 60 ? value : file.textOf(base);
}
