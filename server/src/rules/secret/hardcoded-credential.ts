// Credentials in a known format (API keys, tokens, private keys, passwords in URLs) written
// into source: anyone with the code, its history or its bundle has them.
import ts from 'typescript';
import {
  findCredentials,
  isSecretLikeName,
  localDevelopmentDefault,
  maskSecret,
  toEnvName,
  type CredentialMatch,
} from '../../knowledge/secrets';
import { environmentVariableFixes } from '../../knowledge/environment';
import type { TsFile } from '../../languages/typescript/file';
import type { TsRule } from '../../languages/typescript/rule';
import { bindingNameOf } from '../../languages/typescript/values';
import { capitalize } from '../../core/text';

function isStringToken(node: ts.Node): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateHead:
    case ts.SyntaxKind.TemplateMiddle:
    case ts.SyntaxKind.TemplateTail:
    case ts.SyntaxKind.JsxText:
      return true;
    default:
      return false;
  }
}

function envNameFor(literal: ts.Node, match: CredentialMatch): string {
  const bound = bindingNameOf(literal);
  if (
    bound &&
    (isSecretLikeName(bound) ||
      (match.format.id === 'url-credentials' && /(?:url|uri|dsn|connection(?:string)?)$/i.test(bound)))
  ) {
    return toEnvName(bound);
  }
  return match.format.envName;
}

function inTypePosition(node: ts.Node): boolean {
  return (
    ts.isLiteralTypeNode(node.parent) ||
    ts.isImportDeclaration(node.parent) ||
    ts.isExportDeclaration(node.parent) ||
    ts.isExternalModuleReference(node.parent)
  );
}

function check(file: TsFile, report: (m: CredentialMatch, literal: ts.Node | undefined) => void): void {
  for (const match of findCredentials(file.text)) {
    const { token, inTrivia } = file.tokenAt(match.start);
    if (inTrivia) {
      report(match, undefined);
    } else if (isStringToken(token) && match.end <= token.end) {
      report(match, token);
    } else if (file.isInComment(match.start)) {
      report(match, undefined); // JSDoc text
    }
  }
}

export const hardcodedCredential: TsRule = {
  id: 'secret/hardcoded-credential',
  language: 'typescript',
  meta: {
    title: 'Hardcoded credential',
    summary: 'API keys, tokens, private keys, JWTs and URL passwords in a known format, in strings or comments',
    severity: 'error',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'A string or comment holds a credential in a known format (API key, access token, private key, JWT, or a password inside a URL). Source code is copied, logged, bundled and kept in version history, so a hardcoded credential must be treated as leaked.',
    remedy:
      'Read the value from an environment variable (or a secrets manager), and rotate the credential that was committed.',
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        check(file, (match, literal) => {
          const masked = maskSecret(match.value);
          // postgres://postgres:postgres@localhost/db: what a local database ships with, not a leak.
          const localHost = match.format.id === 'url-credentials' ? localDevelopmentDefault(match.value) : undefined;
          const local = localHost
            ? {
                severity: 'info' as const,
                message: `Default credentials in a URL for a database on ${localHost} ('${masked}'): a local development default, not a leaked secret. Read the URL from an environment variable so that deployments set their own.`,
              }
            : undefined;
          if (!literal) {
            context.report({
              start: match.start,
              end: match.end,
              message:
                local?.message ??
                `${capitalize(match.format.label)} '${masked}' in a comment. Remove it and rotate the credential.`,
              severity: local?.severity,
            });
            return;
          }
          const fixes = inTypePosition(literal)
            ? []
            : environmentVariableFixes(file, literal, match.start, match.end, envNameFor(literal, match));
          context.report({
            start: match.start,
            end: match.end,
            message:
              local?.message ??
              `Hardcoded ${match.format.label} '${masked}'. Read it from an environment variable instead.`,
            severity: local?.severity,
            fixes,
          });
        });
      },
    };
  },
};
