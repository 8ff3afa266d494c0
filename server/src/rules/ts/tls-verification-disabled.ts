// Turning off certificate checks lets anyone on the network path read and change the traffic.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { enclosingStatement, removeListElement } from '../../languages/typescript/edits';
import { environmentVariableRead } from '../../knowledge/environment';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const disablingProperties: Record<string, 'false' | 'true'> = {
  rejectUnauthorized: 'false',
  strictSSL: 'false',
  insecureHTTPParser: 'true',
  checkServerIdentity: 'false',
};

function lineRemoval(file: TsFile, statement: ts.Node): DraftFix {
  const start = file.start(statement);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const onlyStatement = /^[ \t]*$/.test(file.text.slice(lineStart, start));
  let end = statement.end;
  if (onlyStatement) {
    const rest = /^[ \t]*(?:\r?\n)?/.exec(file.text.slice(end))![0];
    end += rest.length;
  }
  return {
    title: 'Remove the override',
    kind: 'fix',
    edits: [{ start: onlyStatement ? lineStart : start, end, newText: '' }],
  };
}

export const tlsVerificationDisabled: TsRule = {
  id: 'ts/tls-verification-disabled',
  language: 'typescript',
  meta: {
    title: 'TLS certificate verification disabled',
    summary: '`rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0` and friends',
    severity: 'error',
    guideSection: 'Network Security › Use HTTPS (beyond)',
    checklistItem: 'https',
    description:
      '`rejectUnauthorized: false`, `strictSSL: false` or NODE_TLS_REJECT_UNAUTHORIZED=0 make TLS accept any certificate. Anyone between the server and the upstream (a café Wi-Fi, a compromised proxy, a cloud neighbour) can then read and rewrite the traffic, API keys included. Setting the environment variable turns checks off for every connection in the process.',
    remedy: 'Remove the override; for a private CA, pass its certificate in the `ca` option instead.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        const name = propertyNameText(property.name);
        if (!name || !(name in disablingProperties)) return;
        const value = skipOuterExpressions(property.initializer);
        const disabling =
          disablingProperties[name] === 'false'
            ? value.kind === ts.SyntaxKind.FalseKeyword || (ts.isNumericLiteral(value) && value.text === '0')
            : value.kind === ts.SyntaxKind.TrueKeyword;
        if (
          !disabling &&
          !(
            name === 'checkServerIdentity' &&
            (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) &&
            isNoOp(value)
          )
        )
          return;
        if (name === 'checkServerIdentity' && value.kind === ts.SyntaxKind.FalseKeyword) return;
        const object = property.parent;
        context.report({
          start: file.start(property),
          end: property.end,
          message:
            name === 'checkServerIdentity'
              ? 'checkServerIdentity accepts every certificate: anyone on the path can impersonate the server.'
              : name === 'insecureHTTPParser'
                ? 'insecureHTTPParser accepts malformed HTTP, which enables request smuggling.'
                : `${name}: false accepts any certificate: anyone on the network path can read and change this traffic. Remove it (use 'ca' for a private CA).`,
          fixes: [
            { title: `Remove ${name}`, kind: 'fix', edits: [removeListElement(file, object.properties, property)] },
          ],
        });
      },
      [ts.SyntaxKind.BinaryExpression]: (binary) => {
        if (
          binary.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
          environmentVariableRead(binary.left) !== 'NODE_TLS_REJECT_UNAUTHORIZED'
        )
          return;
        const value = staticString(file, binary.right);
        if (value !== '0' && value !== 'false') return;
        const statement = ts.isExpressionStatement(binary.parent) ? enclosingStatement(binary) : undefined;
        context.report({
          start: file.start(binary),
          end: binary.end,
          message:
            'NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off for every TLS connection in the process. Remove it.',
          fixes: statement ? [lineRemoval(file, statement)] : [],
        });
      },
    };
  },
};

function isNoOp(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const body = fn.body;
  if (ts.isBlock(body))
    return (
      body.statements.length === 0 ||
      (body.statements.length === 1 &&
        ts.isReturnStatement(body.statements[0]) &&
        (!body.statements[0].expression ||
          body.statements[0].expression.kind === ts.SyntaxKind.UndefinedKeyword ||
          (ts.isIdentifier(body.statements[0].expression) && body.statements[0].expression.text === 'undefined')))
    );
  return ts.isIdentifier(body) && body.text === 'undefined';
}
