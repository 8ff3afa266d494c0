// Session cookies without the attributes that keep them to this site and to HTTPS: an
// express-session or cookie-session cookie readable by page scripts, sent over plain HTTP, or
// sent with requests other sites make.
import ts from 'typescript';
import type { OffsetEdit, Severity } from '../../core/rule';
import { sessionCalls, sessionLibraryOf, visibleObject, type SessionLibrary } from '../../knowledge/sessions';
import { indentationAt } from '../../languages/typescript/edits';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule, TsRuleContext } from '../../languages/typescript/rule';
import {
  constInitializer,
  propertyNameText,
  skipOuterExpressions,
  staticString,
} from '../../languages/typescript/values';

/** What an object literal says about one property, the last word winning (a later spread may override). */
type Lookup =
  | { kind: 'absent' }
  | { kind: 'unknown' }
  | { kind: 'set'; property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment; value: ts.Expression };

function lookup(object: ts.ObjectLiteralExpression, name: string): Lookup {
  let result: Lookup = { kind: 'absent' };
  for (const p of object.properties) {
    if (ts.isSpreadAssignment(p)) {
      result = { kind: 'unknown' };
      continue;
    }
    const text = p.name && propertyNameText(p.name);
    if (text === undefined) {
      // A computed key may be this one.
      if (p.name && ts.isComputedPropertyName(p.name)) result = { kind: 'unknown' };
      continue;
    }
    if (text !== name) continue;
    if (ts.isPropertyAssignment(p)) result = { kind: 'set', property: p, value: p.initializer };
    else if (ts.isShorthandPropertyAssignment(p)) result = { kind: 'set', property: p, value: p.name };
    else result = { kind: 'unknown' };
  }
  return result;
}

/** `true`/`false`, directly or through a `const`; undefined for anything else. */
function booleanOf(file: TsFile, expression: ts.Expression, depth = 0): boolean | undefined {
  const e = skipOuterExpressions(expression);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isIdentifier(e) && depth < 4) {
    const init = constInitializer(file, e);
    return init ? booleanOf(file, init, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * `secure` as the library will apply it: 'on' (true, 'auto', or decided at run time such as
 * `process.env.NODE_ENV === 'production'`), 'off' (false), 'absent' or 'unknown'.
 */
function secureState(file: TsFile, found: Lookup): 'on' | 'off' | 'absent' | 'unknown' {
  if (found.kind !== 'set') return found.kind;
  return booleanOf(file, found.value) === false ? 'off' : 'on';
}

interface Weakened {
  property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  value: ts.Expression;
  newValue: string;
  title: string;
  message: string;
  severity?: Exclude<Severity, 'hint'>;
}

/** Adds properties after the last one of an object literal, one a line when the literal spans lines. */
function addProperties(file: TsFile, object: ts.ObjectLiteralExpression, properties: string[]): OffsetEdit {
  if (object.properties.length === 0)
    return { start: file.start(object), end: object.end, newText: `{ ${properties.join(', ')} }` };
  const last = object.properties[object.properties.length - 1];
  const multiline = file.text.slice(file.start(object), file.start(object.properties[0])).includes('\n');
  if (!multiline) return { start: last.end, end: last.end, newText: `, ${properties.join(', ')}` };
  const indent = indentationAt(file, file.start(last));
  const separator = `,${file.eol}${indent}`;
  return { start: last.end, end: last.end, newText: separator + properties.join(separator) };
}

function cookieLiteral(file: TsFile): string {
  return `{ httpOnly: true, secure: true, sameSite: ${file.quoted('lax')} }`;
}

/** The explicit settings that weaken the cookie, in an object holding cookie attributes. */
function weakenedSettings(
  file: TsFile,
  cookie: ts.ObjectLiteralExpression,
  library: SessionLibrary,
  secure: Lookup,
): Weakened[] {
  const found: Weakened[] = [];
  const httpOnly = lookup(cookie, 'httpOnly');
  if (httpOnly.kind === 'set' && booleanOf(file, httpOnly.value) === false)
    found.push({
      ...httpOnly,
      newValue: 'true',
      title: 'Set httpOnly: true',
      message:
        'httpOnly: false lets scripts in the page read the session cookie: one XSS hands the session over. Remove it or set httpOnly: true.',
    });
  const secureNow = secureState(file, secure);
  if (secure.kind === 'set' && secureNow === 'off')
    found.push({
      ...secure,
      newValue: 'true',
      title: 'Set secure: true',
      message:
        library === 'cookie-session'
          ? 'secure: false sends the session cookie over plain HTTP too, where anyone on the network can read it. Remove it (cookie-session marks the cookie Secure on HTTPS requests) or set secure: true.'
          : "secure: false sends the session cookie over plain HTTP, where anyone on the network can read it. Set secure: true (or 'auto'; behind a TLS proxy, with trust proxy set).",
    });
  const sameSite = lookup(cookie, 'sameSite');
  if (sameSite.kind === 'set') {
    const text = staticString(file, sameSite.value)?.toLowerCase();
    const secureMissing = secureNow === 'off' || (secureNow === 'absent' && library === 'express-session');
    if (text === 'none' && secureMissing)
      found.push({
        ...sameSite,
        newValue: file.quoted('lax'),
        title: "Set sameSite: 'lax'",
        message:
          "sameSite: 'none' without secure: browsers reject the cookie, or send it with requests from any other site (CSRF). Use 'lax', or add secure: true if it must cross sites.",
      });
    else if (booleanOf(file, sameSite.value) === false)
      found.push({
        ...sameSite,
        newValue: file.quoted('lax'),
        title: "Set sameSite: 'lax'",
        message:
          "sameSite: false sends no SameSite attribute: browsers that do not default to Lax send the session cookie with requests from other sites (CSRF). Set sameSite: 'lax'.",
        severity: 'info',
      });
  }
  return found;
}

function reportWeakened(context: TsRuleContext, weakened: Weakened[]): void {
  const { file } = context;
  for (const w of weakened) {
    context.report({
      start: file.start(w.property),
      end: w.property.end,
      message: w.message,
      severity: w.severity,
      // A shorthand `{ secure }` names a variable: set it where it is decided, not here.
      fixes: ts.isShorthandPropertyAssignment(w.property)
        ? []
        : [
            {
              title: w.title,
              kind: 'suggestion',
              edits: [{ start: file.start(w.value), end: w.value.end, newText: w.newValue }],
            },
          ],
    });
  }
}

function missingMessage(library: SessionLibrary, secure: boolean, sameSite: boolean): string {
  const name = library === 'express-session' ? "express-session's cookie" : "cookie-session's cookie";
  if (secure && sameSite)
    return `${name} sets neither secure nor sameSite: it is sent over plain HTTP, and with requests other sites make. Set cookie: { httpOnly: true, secure: true, sameSite: 'lax' }.`;
  if (secure)
    return `${name} does not set secure: it is sent over plain HTTP, where anyone on the network can read it. Set secure: true (or 'auto'; behind a TLS proxy, with trust proxy set).`;
  return `${name} does not set sameSite: browsers that do not default to Lax send it with requests from other sites (CSRF). Set sameSite: 'lax'.`;
}

function checkExpressSession(context: TsRuleContext, call: ts.CallExpression): void {
  const { file } = context;
  const argument = call.arguments[0];
  const fullCookie = `cookie: ${cookieLiteral(file)}`;
  const fixTitle = "Set cookie: { httpOnly: true, secure: true, sameSite: 'lax' }";
  if (!argument) {
    context.report({
      start: file.start(call.expression),
      end: call.expression.end,
      message: missingMessage('express-session', true, true),
      fixes: [
        {
          title: fixTitle,
          kind: 'suggestion',
          edits: [{ start: call.arguments.pos, end: call.arguments.pos, newText: `{ ${fullCookie} }` }],
        },
      ],
    });
    return;
  }
  const options = visibleObject(file, argument);
  if (!options) return;
  const cookieSetting = lookup(options, 'cookie');
  if (cookieSetting.kind === 'unknown') return;
  if (cookieSetting.kind === 'absent') {
    context.report({
      start: file.start(call.expression),
      end: call.expression.end,
      message: missingMessage('express-session', true, true),
      fixes: [{ title: fixTitle, kind: 'suggestion', edits: [addProperties(file, options, [fullCookie])] }],
    });
    return;
  }
  const cookie = visibleObject(file, cookieSetting.value);
  if (!cookie) return;
  const secure = lookup(cookie, 'secure');
  reportWeakened(context, weakenedSettings(file, cookie, 'express-session', secure));
  const missingSecure = secure.kind === 'absent';
  const missingSameSite = lookup(cookie, 'sameSite').kind === 'absent';
  if (!missingSecure && !missingSameSite) return;
  const add = [
    ...(missingSecure ? ['secure: true'] : []),
    ...(missingSameSite ? [`sameSite: ${file.quoted('lax')}`] : []),
  ];
  const name = cookieSetting.property.name;
  context.report({
    start: file.start(name),
    end: name.end,
    message: missingMessage('express-session', missingSecure, missingSameSite),
    severity: missingSecure ? undefined : 'info',
    fixes: [
      {
        title: `Add ${add.join(', ')} to the session cookie`,
        kind: 'suggestion',
        edits: [addProperties(file, cookie, add)],
      },
    ],
  });
}

function checkCookieSession(context: TsRuleContext, call: ts.CallExpression): void {
  const { file } = context;
  const argument = call.arguments[0];
  // cookieSession() without keys or a secret throws at start-up: nothing to judge.
  const options = argument && visibleObject(file, argument);
  if (!options) return;
  // Its cookie options are top-level; `secure` left out follows the request (Secure over HTTPS).
  const secure = lookup(options, 'secure');
  reportWeakened(context, weakenedSettings(file, options, 'cookie-session', secure));
  if (lookup(options, 'sameSite').kind !== 'absent') return;
  context.report({
    start: file.start(call.expression),
    end: call.expression.end,
    message: missingMessage('cookie-session', false, true),
    severity: 'info',
    fixes: [
      {
        title: "Add sameSite: 'lax' to the session cookie",
        kind: 'suggestion',
        edits: [addProperties(file, options, [`sameSite: ${file.quoted('lax')}`])],
      },
    ],
  });
}

export const insecureSessionCookie: TsRule = {
  id: 'ts/insecure-session-cookie',
  language: 'typescript',
  meta: {
    title: 'Session cookie without httpOnly, secure or sameSite',
    summary:
      "express-session/cookie-session cookies without `secure` or `sameSite`, or with `httpOnly: false`, `secure: false`, `sameSite: 'none'` over HTTP",
    severity: 'warning',
    guideSection: 'Authentication and Authorization (beyond: session cookies)',
    checklistItem: 'authentication',
    description:
      "The session cookie is the user's login. express-session sends it over plain HTTP unless `cookie.secure` is set, neither library sets SameSite unless told, and `httpOnly: false` lets any script in the page read it. A cookie sent over HTTP can be read on the network, one sent with other sites' requests lets them act as the user (CSRF), and one readable by scripts is stolen by any XSS.",
    remedy:
      "Set cookie: { httpOnly: true, secure: true, sameSite: 'lax' } (cookie-session: the same options at the top level).",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      calls: sessionCalls,
      [ts.SyntaxKind.CallExpression]: (call) => {
        const library = sessionLibraryOf(file, call);
        if (library === 'express-session') checkExpressSession(context, call);
        else if (library === 'cookie-session') checkCookieSession(context, call);
      },
    };
  },
};
