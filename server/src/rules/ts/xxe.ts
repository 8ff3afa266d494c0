// XML external entities: libxmljs (and its fork libxmljs2) parses with libxml2, which loads
// external entities and DTDs only when asked: `noent` substitutes entities (external ones
// included), `dtdload` loads the external DTD and its parameter entities, `dtdvalid` validates
// against it. A document the caller writes can then read local files and make the server fetch
// URLs. xml2js, fast-xml-parser, sax, xmldom and the browser's DOMParser never load external
// entities: there is no option of theirs to flag.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import type { TsFile } from '../../languages/typescript/file';
import { removeListElement } from '../../languages/typescript/edits';
import { bindingOfIdentifier, moduleMemberOf } from '../../languages/typescript/modules';
import type { TsRule } from '../../languages/typescript/rule';
import { describeTaint, flowOf, isDeferred, localFlow, sinkTaint } from '../../knowledge/taint';
import {
  constInitializer,
  isConstant,
  propertyNameText,
  skipOuterExpressions,
} from '../../languages/typescript/values';

const modules = ['libxmljs', 'libxmljs2'];
const parseFunctions: ReadonlySet<string> = new Set(['parseXml', 'parseXmlString', 'parseXmlAsync']);
const documentFunctions: ReadonlySet<string> = new Set(['fromXml', 'fromXmlAsync']);
const members: ReadonlySet<string> = new Set([...parseFunctions, ...documentFunctions]);

/** What each libxml2 option does that lets a document reach outside itself. */
const dangerous: Record<string, string> = {
  noent: 'substitutes entities, external ones included',
  dtdload: 'loads the external DTD and its parameter entities',
  dtdvalid: 'validates against the DTD, which loads it and its entities',
};
const flagOptions: Record<string, string> = {
  XML_PARSE_NOENT: 'noent',
  XML_PARSE_DTDLOAD: 'dtdload',
  XML_PARSE_DTDVALID: 'dtdvalid',
};

/** `libxmljs.parseXml`, `parseXmlString` of libxmljs2, `libxmljs.Document.fromXml`, `XMLDocument.fromXml`. */
function parserCall(file: TsFile, callee: ts.Expression): string | undefined {
  const member = moduleMemberOf(file, callee);
  if (member && modules.includes(member.module) && parseFunctions.has(member.member)) return member.member;
  if (!ts.isPropertyAccessExpression(callee) || !documentFunctions.has(callee.name.text)) return undefined;
  const owner = skipOuterExpressions(callee.expression);
  if (ts.isIdentifier(owner)) {
    const binding = bindingOfIdentifier(file, owner);
    if (binding && modules.includes(binding.module) && ['Document', 'XMLDocument'].includes(binding.imported))
      return `Document.${callee.name.text}`;
    return undefined;
  }
  const ownerMember = moduleMemberOf(file, owner);
  if (ownerMember && modules.includes(ownerMember.module) && ['Document', 'XMLDocument'].includes(ownerMember.member))
    return `Document.${callee.name.text}`;
  return undefined;
}

interface Enabling {
  option: string;
  node: ts.Node;
  fix: DraftFix;
}

/** The options of the object literal that turn on external entities, with the edit that turns each off. */
function enablingOptions(file: TsFile, options: ts.ObjectLiteralExpression): Enabling[] {
  const found: Enabling[] = [];
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = property.name && propertyNameText(property.name);
    if (!name) continue;
    const value = skipOuterExpressions(property.initializer);
    if (name in dangerous) {
      const on = value.kind === ts.SyntaxKind.TrueKeyword || (ts.isNumericLiteral(value) && value.text === '1');
      if (!on) continue;
      found.push({
        option: name,
        node: property,
        fix: {
          title: `Set ${name}: false`,
          kind: 'suggestion',
          edits: [{ start: file.start(value), end: value.end, newText: 'false' }],
        },
      });
    } else if (name === 'flags' && ts.isArrayLiteralExpression(value)) {
      // libxmljs 1.x: { flags: [XMLParseFlags.XML_PARSE_NOENT] }
      for (const element of value.elements) {
        const e = skipOuterExpressions(element);
        const flag = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : undefined;
        const option = flag && flagOptions[flag];
        if (!option) continue;
        found.push({
          option,
          node: element,
          fix: {
            title: `Remove ${flag}`,
            kind: 'suggestion',
            edits: [removeListElement(file, value.elements, element)],
          },
        });
      }
    }
  }
  return found;
}

export const xxe: TsRule = {
  id: 'ts/xxe',
  language: 'typescript',
  meta: {
    title: 'XML parsed with external entities',
    summary: 'libxmljs/libxmljs2 parsing with `noent`, `dtdload` or `dtdvalid` (external entities and DTDs loaded)',
    severity: 'error',
    guideSection: 'Input Validation › Sanitize inputs (beyond)',
    checklistItem: 'input-validation',
    description:
      'libxml2, which libxmljs and libxmljs2 bind, loads external entities only when asked to. `noent: true` substitutes entities, external ones included; `dtdload` loads the external DTD and its parameter entities; `dtdvalid` loads the DTD to validate against it. A document that declares `<!ENTITY x SYSTEM "file:///etc/passwd">` then reads the server\'s files into the parsed result, or makes the server fetch internal URLs (XXE).',
    remedy: 'Parse without noent, dtdload and dtdvalid (libxml2 then keeps external entities unresolved).',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: { module: { key: 'xxe', modules, members } },
      [ts.SyntaxKind.CallExpression]: (call) => {
        const callee = skipOuterExpressions(call.expression);
        const fn = parserCall(file, callee);
        if (!fn || call.arguments.length < 2) return;
        const xml = call.arguments[0];
        if (isConstant(file, xml)) return;
        const argument = skipOuterExpressions(call.arguments[1]);
        // Options written at the call, or in a constant of the file.
        const literal = ts.isObjectLiteralExpression(argument)
          ? argument
          : ts.isIdentifier(argument)
            ? (() => {
                const init = constInitializer(file, argument);
                const e = init && skipOuterExpressions(init);
                return e && ts.isObjectLiteralExpression(e) ? e : undefined;
              })()
            : undefined;
        if (!literal) return;
        const enabling = enablingOptions(file, literal);
        if (enabling.length === 0) return;
        const taint = sinkTaint(file, xml, 'plain', undefined);
        const source = taint?.source ? describeTaint(taint) : undefined;
        const options = enabling.map((e) => e.option).join(', ');
        const effects = [...new Set(enabling.map((e) => dangerous[e.option]))].join('; ');
        const message = (from: string): string =>
          `${fn} with ${options} ${effects}: ${from} can declare <!ENTITY x SYSTEM "file:///…"> and read the server's files, or make it fetch internal URLs. Parse without ${options}.`;
        // At the option when it is written at the call; at the options argument when it comes from a constant.
        const inline = literal === argument;
        const at: ts.Node = inline ? enabling[0].node : call.arguments[1];
        const fixes = enabling.map((e) => e.fix);
        const combined: DraftFix[] =
          fixes.length === 1
            ? fixes
            : [{ title: `Turn off ${options}`, kind: 'suggestion', edits: fixes.flatMap((f) => f.edits) }];
        context.report({
          start: file.start(at),
          end: at.end,
          severity: source ? 'error' : 'warning',
          message: message(source ?? 'a document whose origin this file does not show'),
          fixes: combined,
          ...localFlow(taint),
        });
        if (taint && isDeferred(taint))
          context.report({
            start: file.start(at),
            end: at.end,
            severity: 'error',
            message: message(describeTaint(taint)),
            fixes: combined,
            ...flowOf(taint),
          });
      },
    };
  },
};
