// Fixes that move a hardcoded value into an environment variable.
import ts from 'typescript';
import type { DraftFix, OffsetEdit } from '../core/rule';
import type { TsFile } from '../languages/typescript/file';
import { skipOuterExpressions } from '../languages/typescript/values';

/** `process.env.NAME`, or `process.env['NAME']` when NAME is not an identifier. */
export function processEnvAccess(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `process.env.${name}` : `process.env['${name}']`;
}

/**
 * Replaces `[valueStart, valueEnd)` inside `literal` with a read of `process.env.NAME`:
 * the whole literal becomes `process.env.NAME`; part of a string becomes a template.
 * Offers a second fix that also adds `NAME=` to the project's `.env`.
 */
export function environmentVariableFixes(
  file: TsFile,
  literal: ts.Node,
  valueStart: number,
  valueEnd: number,
  envName: string,
): DraftFix[] {
  const edit = environmentEdit(file, literal, valueStart, valueEnd, envName);
  if (!edit) return [];
  const access = processEnvAccess(envName);
  return [
    { title: `Read it from ${access}`, kind: 'suggestion', edits: [edit] },
    {
      title: `Read it from ${access} and add ${envName}= to .env`,
      kind: 'suggestion',
      edits: [edit],
      appendToFile: {
        path: '.env',
        relativeTo: 'project',
        lines: [`${envName}=`],
        presentIfLineStartsWith: [`${envName}=`],
      },
    },
  ];
}

function environmentEdit(
  file: TsFile,
  literal: ts.Node,
  valueStart: number,
  valueEnd: number,
  envName: string,
): OffsetEdit | undefined {
  const access = processEnvAccess(envName);
  const start = file.start(literal);
  if (ts.isStringLiteral(literal) || ts.isNoSubstitutionTemplateLiteral(literal)) {
    const contentStart = start + 1;
    const contentEnd = literal.end - 1;
    if (valueStart <= contentStart && valueEnd >= contentEnd) {
      // In JSX attributes a bare expression needs braces.
      const inJsxAttribute = ts.isJsxAttribute(literal.parent);
      return { start, end: literal.end, newText: inJsxAttribute ? `{${access}}` : access };
    }
    if (ts.isJsxAttribute(literal.parent)) return undefined;
    // Raw source text around the value keeps the literal's escapes; re-escape it for a template.
    const before = rawStringToTemplate(file.text.slice(contentStart, valueStart));
    const after = rawStringToTemplate(file.text.slice(valueEnd, contentEnd));
    return { start, end: literal.end, newText: '`' + before + '${' + access + '}' + after + '`' };
  }
  if (ts.isTemplateHead(literal) || ts.isTemplateMiddle(literal) || ts.isTemplateTail(literal)) {
    return { start: valueStart, end: valueEnd, newText: '${' + access + '}' };
  }
  return undefined;
}

/**
 * Raw text from a quoted string, made valid inside a template literal: every string escape is
 * also a template escape, so only backticks and `${` need escaping.
 */
function rawStringToTemplate(raw: string): string {
  return raw.replace(/(?<!\\)`/g, '\\`').replace(/(?<!\\)\$\{/g, '\\${');
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` -> `X`. */
export function environmentVariableRead(expression: ts.Expression): string | undefined {
  const e = skipOuterExpressions(expression);
  let object: ts.Expression;
  let name: string | undefined;
  if (ts.isPropertyAccessExpression(e)) {
    object = e.expression;
    name = e.name.text;
  } else if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) {
    object = e.expression;
    name = e.argumentExpression.text;
  } else {
    return undefined;
  }
  return isEnvironmentObject(object) ? name : undefined;
}

/** `process.env` or `import.meta.env`. */
export function isEnvironmentObject(expression: ts.Expression): boolean {
  const e = skipOuterExpressions(expression);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'env') return false;
  const object = e.expression;
  return (ts.isIdentifier(object) && object.text === 'process') || ts.isMetaProperty(object);
}
