// jwt.verify without an `algorithms` list trusts the algorithm named in the token's header,
// which is how `alg: none` and RS256/HS256 confusion attacks work.
import ts from 'typescript';
import type { DraftFix } from '../../core/rule';
import { addOptionEdit, removeListElement } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import { jwtCallKind, jwtOptions, lacksAlgorithms, mentionsJwt, verifyOptionsParameter } from '../../knowledge/jwt';
import { localFunction } from '../../languages/typescript/declarations';
import { flowTarget, importsFromWorkspace } from '../../languages/typescript/exports';
import { shorten } from '../../core/text';
import type { TsRule } from '../../languages/typescript/rule';
import {
  calleeName,
  objectProperty,
  propertyValue,
  skipOuterExpressions,
  staticString,
} from '../../languages/typescript/values';

/** The algorithm jwt.sign uses in this file, if one is named; else RS256 for public keys, HS256 otherwise. */
function chooseAlgorithm(file: TsFile, verify: ts.CallExpression): string {
  for (const node of file.nodesOfKind(ts.SyntaxKind.CallExpression)) {
    if (jwtCallKind(file, node) !== 'sign') continue;
    const algorithm = propertyValue(jwtOptions(node), 'algorithm');
    const value = algorithm && staticString(file, algorithm);
    if (value) return value;
  }
  const secret = verify.arguments[1];
  return secret && /public|\bpub|cert|pem|jwk/i.test(file.textOf(secret)) ? 'RS256' : 'HS256';
}

export const jwtMissingAlgorithms: TsRule = {
  id: 'ts/jwt-missing-algorithms',
  language: 'typescript',
  meta: {
    title: 'jwt.verify without an algorithms list',
    summary: "`jwt.verify` without `algorithms` (or with `'none'`)",
    severity: 'warning',
    guideSection: 'Authentication and Authorization › JWT Authentication',
    checklistItem: 'authentication',
    description:
      "Without `algorithms`, jwt.verify accepts whichever algorithm the token's header names among those the key allows. Pinning the list blocks algorithm-confusion attacks (an RS256 public key used as an HS256 secret) and, in older versions, unsigned `alg: none` tokens. Listing 'none' turns signature checks off.",
    remedy: "Pass { algorithms: ['HS256'] } (or the one algorithm your tokens are signed with).",
    fixable: true,
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    /**
     * `verifyToken(token)` where verifyToken hands its options parameter to jwt.verify: the call
     * leaves `algorithms` out. A wrapper of this file, or (by its trait) of another one.
     */
    const throughWrapper = (call: ts.CallExpression): void => {
      const callee = skipOuterExpressions(call.expression);
      const name = calleeName(callee);
      if (!/verif|auth|token|jwt|decode/i.test(name)) return;
      const text = shorten(file.textOf(callee));
      const message = `${text}() hands these options to jwt.verify, and they set no 'algorithms': the token's header chooses how it is checked. Pass { algorithms: ['HS256'] } (the algorithm your tokens are signed with).`;
      const at = { start: file.start(call), end: call.end };
      const local = ts.isIdentifier(callee) ? localFunction(file, callee) : undefined;
      if (local) {
        const index = verifyOptionsParameter(file, local);
        if (index !== undefined && lacksAlgorithms(call.arguments[index])) context.report({ ...at, message });
        return;
      }
      const target = flowTarget(file, call);
      if (!target) return;
      // The options' position is the wrapper's to say: one conditional per position this call leaves without algorithms.
      for (let index = 1; index <= 3; index++)
        if (lacksAlgorithms(call.arguments[index]))
          context.report({ ...at, message, when: { target, trait: `jwt-options:${index}`, text } });
    };
    // jwt.verify, and a wrapper of this file around it, need a JWT library here; a wrapper of
    // another file needs an import of the workspace.
    if (!mentionsJwt(file) && !importsFromWorkspace(file)) return {};
    return {
      [ts.SyntaxKind.CallExpression]: (call) => {
        if (jwtCallKind(file, call) !== 'verify') {
          throughWrapper(call);
          return;
        }
        if (call.arguments.length < 2) return;
        const options = jwtOptions(call);
        if (options && !ts.isObjectLiteralExpression(skipOuterExpressions(options))) return; // built elsewhere: unknown
        const algorithms = propertyValue(options, 'algorithms');
        if (algorithms) {
          const list = skipOuterExpressions(algorithms);
          if (!ts.isArrayLiteralExpression(list)) return;
          const none = list.elements.find((e) => staticString(file, e)?.toLowerCase() === 'none');
          if (!none) return;
          const fixes: DraftFix[] =
            list.elements.length > 1
              ? [
                  {
                    title: "Remove 'none' from algorithms",
                    kind: 'fix',
                    edits: [removeListElement(file, list.elements, none)],
                  },
                ]
              : [];
          context.report({
            start: file.start(none),
            end: none.end,
            message: "jwt.verify accepts 'none': unsigned tokens pass verification. Remove it.",
            severity: 'error',
            fixes,
          });
          return;
        }
        if (
          options &&
          objectProperty(options, 'algorithms') === undefined &&
          (skipOuterExpressions(options) as ts.ObjectLiteralExpression).properties.some((p) => ts.isSpreadAssignment(p))
        )
          return;
        const algorithm = chooseAlgorithm(file, call);
        const q = file.quote;
        const edit = addOptionEdit(file, call, 2, `algorithms: [${q}${algorithm}${q}]`);
        context.report({
          start: file.start(call.expression),
          end: call.expression.end,
          message: `jwt.verify is called without 'algorithms': the token's header chooses how it is checked. Pin it to ['${algorithm}'].`,
          fixes: edit ? [{ title: `Accept only ${algorithm}`, kind: 'suggestion', edits: [edit] }] : [],
        });
      },
    };
  },
};
