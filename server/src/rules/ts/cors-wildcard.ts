// CORS that allows every origin lets any web page call the API from its visitors' browsers; with
// credentials, as those visitors.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { bindingOfIdentifier } from '../../languages/typescript/modules';
import type { CallFilter, TsRule } from '../../languages/typescript/rule';
import { objectProperty, propertyValue, skipOuterExpressions, staticString } from '../../languages/typescript/values';

const corsModules = new Set(['cors', '@fastify/cors', 'fastify-cors', '@koa/cors', 'kcors', 'hono/cors']);
/** The calls below: a name reaching a cors module, `register(cors, …)`, and the header setters. */
const corsCalls: CallFilter = {
  names: new Set(['register', 'setHeader', 'header', 'set', 'append']),
  reaching: { key: 'cors', modules: [...corsModules] },
};
const ALLOW_LIST = "(process.env.CORS_ORIGINS ?? '').split(',')";

function corsFactory(file: TsFile, call: ts.CallExpression): boolean {
  const callee = skipOuterExpressions(call.expression);
  if (!ts.isIdentifier(callee)) return false;
  const binding = bindingOfIdentifier(file, callee);
  return binding !== undefined && corsModules.has(binding.module);
}

/** `origin: '*'` / `origin: true` / no origin at all, in a cors options object. */
function openOrigin(file: TsFile, options: ts.Expression | undefined): { node?: ts.Node; what: string } | undefined {
  if (!options) return { what: 'cors() with no options allows every origin' };
  const e = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(e)) return undefined;
  if (e.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  const origin = propertyValue(e, 'origin');
  if (!origin) return { what: 'cors options without origin allow every origin' };
  const value = skipOuterExpressions(origin);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return { node: origin, what: 'origin: true reflects every origin' };
  if (staticString(file, value) === '*') return { node: origin, what: "origin: '*' allows every origin" };
  return undefined;
}

function credentialsAllowed(options: ts.Expression | undefined): boolean {
  const value = propertyValue(options, 'credentials');
  return value !== undefined && skipOuterExpressions(value).kind === ts.SyntaxKind.TrueKeyword;
}

export const corsWildcard: TsRule = {
  id: 'ts/cors-wildcard',
  language: 'typescript',
  meta: {
    title: 'CORS allows every origin',
    summary: 'CORS open to every origin (worst with credentials)',
    severity: 'warning',
    guideSection: 'beyond (MCP: validate Origin)',
    checklistItem: 'access-controls',
    description:
      "cors() without options, `origin: '*'`, `origin: true` or an `Access-Control-Allow-Origin: *` header let scripts on any website call this API from a visitor's browser and read the answers. With credentials allowed (or an origin reflected back), those calls carry the visitor's cookies. For a local MCP server this is how a web page reaches tools on localhost.",
    remedy: 'Set origin to an explicit allow-list read from configuration.',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: corsCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        // app.use(cors()), cors({ origin: '*' })
        if (corsFactory(file, call)) {
          const options = call.arguments[0];
          const open = openOrigin(file, options);
          if (!open) return;
          const credentials = credentialsAllowed(options);
          const fixes: DraftFix[] = [];
          if (!options)
            fixes.push({
              title: 'Allow only the origins in CORS_ORIGINS',
              kind: 'suggestion',
              edits: [{ start: call.arguments.pos, end: call.arguments.pos, newText: `{ origin: ${ALLOW_LIST} }` }],
            });
          else if (open.node)
            fixes.push({
              title: 'Allow only the origins in CORS_ORIGINS',
              kind: 'suggestion',
              edits: [{ start: file.start(open.node), end: open.node.end, newText: ALLOW_LIST }],
            });
          const target = open.node ?? call;
          context.report({
            start: file.start(target),
            end: target.end,
            message: `${open.what}${credentials ? ', with credentials' : ''}: any website can call this API from its visitors' browsers. Use an allow-list.`,
            severity: credentials ? 'error' : undefined,
            fixes,
          });
          return;
        }
        // fastify.register(cors, { origin: true })
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && call.arguments.length >= 1) {
          const plugin = skipOuterExpressions(call.arguments[0]);
          const binding = ts.isIdentifier(plugin) ? bindingOfIdentifier(file, plugin) : undefined;
          if (!binding || !corsModules.has(binding.module)) return;
          const options = call.arguments[1];
          const open = openOrigin(file, options);
          if (!open) return;
          const target = open.node ?? call;
          context.report({
            start: file.start(target),
            end: target.end,
            message: `${open.what}: any website can call this API from its visitors' browsers. Use an allow-list.`,
            severity: credentialsAllowed(options) ? 'error' : undefined,
            fixes: open.node
              ? [
                  {
                    title: 'Allow only the origins in CORS_ORIGINS',
                    kind: 'suggestion',
                    edits: [{ start: file.start(open.node), end: open.node.end, newText: ALLOW_LIST }],
                  },
                ]
              : [],
          });
          return;
        }
        // res.setHeader('Access-Control-Allow-Origin', '*')
        if (
          ts.isPropertyAccessExpression(callee) &&
          /^(?:setHeader|header|set|append)$/.test(callee.name.text) &&
          call.arguments.length >= 2
        ) {
          const name = staticString(file, call.arguments[0]);
          if (name?.toLowerCase() !== 'access-control-allow-origin') return;
          const value = call.arguments[1];
          const text = staticString(file, value);
          const reflected =
            text === undefined &&
            /\borigin\b/i.test(file.textOf(value)) &&
            /headers|get\(|header\(/.test(file.textOf(value));
          if (text !== '*' && !reflected) return;
          context.report({
            start: file.start(value),
            end: value.end,
            message: reflected
              ? "The request's Origin is echoed back: every website is allowed. Check it against an allow-list first."
              : 'Access-Control-Allow-Origin: * lets any website read these responses. Name the allowed origins.',
          });
        }
      },
      [ts.SyntaxKind.PropertyAssignment]: (property) => {
        // headers: { 'Access-Control-Allow-Origin': '*' }
        const name = ts.isStringLiteral(property.name) ? property.name.text : undefined;
        if (name?.toLowerCase() !== 'access-control-allow-origin' || staticString(file, property.initializer) !== '*')
          return;
        if (objectProperty(property.parent, name) !== property) return;
        context.report({
          start: file.start(property.initializer),
          end: property.initializer.end,
          message: 'Access-Control-Allow-Origin: * lets any website read these responses. Name the allowed origins.',
        });
      },
    };
  },
};
