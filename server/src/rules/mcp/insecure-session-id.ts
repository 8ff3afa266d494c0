// Session ids an attacker can guess let them join someone else's MCP session.
import ts from 'typescript';
import { importNamed } from '../../languages/typescript/imports';
import type { TsRule } from '../../languages/typescript/rule';
import { propertyNameText, skipOuterExpressions } from '../../languages/typescript/values';

const predictable =
  /\bMath\.random\s*\(|\bDate\.now\s*\(|\bnew Date\b|\bperformance\.now\s*\(|\+\+|--|\bprocess\.hrtime\b/;

export const insecureSessionId: TsRule = {
  id: 'mcp/insecure-session-id',
  language: 'typescript',
  meta: {
    title: 'Guessable MCP session ids',
    summary: 'guessable MCP session ids',
    severity: 'error',
    guideSection: 'beyond (MCP specification: secure session ids)',
    checklistItem: 'access-controls',
    description:
      "The transport's sessionIdGenerator builds ids from Math.random, the clock or a counter. The MCP specification requires globally unique, cryptographically secure session ids: a guessable id lets another client send requests into someone else's session and receive its results.",
    remedy: 'Use () => randomUUID() from node:crypto.',
    fixable: true,
  },
  create(context) {
    const { file } = context;
    return {
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        if (propertyNameText(property.name) !== 'sessionIdGenerator') return;
        const fn = skipOuterExpressions(property.initializer);
        if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return;
        const body = file.textOf(fn.body);
        if (/randomUUID|randomBytes|getRandomValues|nanoid|uuid|ulid|cuid/i.test(body)) return;
        if (!predictable.test(body)) return;
        const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
        const uuid = importNamed(file, specifier, 'randomUUID');
        context.report({
          start: file.start(property.initializer),
          end: property.initializer.end,
          message:
            'Session ids from Math.random, the clock or a counter can be guessed, letting another client use this session. Use randomUUID().',
          fixes: [
            {
              title: 'Generate session ids with randomUUID()',
              kind: 'fix',
              edits: [
                ...uuid.edits,
                {
                  start: file.start(property.initializer),
                  end: property.initializer.end,
                  newText: `() => ${uuid.reference}()`,
                },
              ],
            },
          ],
        });
      },
    };
  },
};
