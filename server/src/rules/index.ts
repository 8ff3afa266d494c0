// Every rule, listed by hand and sorted by id (test/meta.test.ts checks the order and that every
// id of docs/catalog.md is here).
import type { DockerRule } from '../languages/dockerfile/rule';
import type { McpConfigRule } from '../languages/mcpconfig/rule';
import type { NginxRule } from '../languages/nginx/rule';
import type { WorkspaceRule } from '../languages/project/rule';
import type { TsRule } from '../languages/typescript/rule';
import { deprecatedCipher } from './crypto/deprecated-cipher';
import { ecbMode } from './crypto/ecb-mode';
import { hardcodedKey } from './crypto/hardcoded-key';
import { insecureRandom } from './crypto/insecure-random';
import { staticIv } from './crypto/static-iv';
import { unauthenticatedCipher } from './crypto/unauthenticated-cipher';
import { weakHash } from './crypto/weak-hash';
import { addRemote } from './docker/add-remote';
import { chmod777Rule } from './docker/chmod-777';
import { copiesSecrets } from './docker/copies-secrets';
import { credentialsInRun } from './docker/credentials-in-run';
import { curlPipeShell } from './docker/curl-pipe-shell';
import { exposeSsh } from './docker/expose-ssh';
import { latestTag } from './docker/latest-tag';
import { missingHealthcheck } from './docker/missing-healthcheck';
import { npmInstallRule } from './docker/npm-install';
import { pipefail } from './docker/pipefail';
import { rootUser } from './docker/root-user';
import { secretInEnv } from './docker/secret-in-env';
import { sudo } from './docker/sudo';
import { dockerTlsVerificationDisabled } from './docker/tls-verification-disabled';
import { untrustedRegistry } from './docker/untrusted-registry';
import { unverifiedPackages } from './docker/unverified-packages';
import { configSecret } from './mcp/config-secret';
import { dnsRebinding } from './mcp/dns-rebinding';
import { dockerPrivileged } from './mcp/docker-privileged';
import { httpTransportWithoutAuth } from './mcp/http-transport-without-auth';
import { insecureRemote } from './mcp/insecure-remote';
import { insecureSessionId } from './mcp/insecure-session-id';
import { listenAllInterfaces } from './mcp/listen-all-interfaces';
import { shellCommand } from './mcp/shell-command';
import { stdoutLogging } from './mcp/stdout-logging';
import { tokenPassthrough } from './mcp/token-passthrough';
import { toolWithoutInputSchema } from './mcp/tool-without-input-schema';
import { unboundedToolInput } from './mcp/unbounded-tool-input';
import { unpinnedPackage } from './mcp/unpinned-package';
import { missingLockfile } from './pkg/missing-lockfile';
import { unpinnedDependency } from './pkg/unpinned-dependency';
import { envExampleHasSecrets } from './project/env-example-has-secrets';
import { envNotIgnored } from './project/env-not-ignored';
import { keysNotIgnored } from './project/keys-not-ignored';
import { placeholderSecret } from './project/placeholder-secret';
import { addHeaderContentType } from './nginx/add-header-content-type';
import { addHeaderMultiline } from './nginx/add-header-multiline';
import { addHeaderRedefinition } from './nginx/add-header-redefinition';
import { aliasTraversal } from './nginx/alias-traversal';
import { allowWithoutDeny } from './nginx/allow-without-deny';
import { autoindex } from './nginx/autoindex';
import { dotfilesExposed } from './nginx/dotfiles-exposed';
import { externalResolver } from './nginx/external-resolver';
import { hostSpoofing } from './nginx/host-spoofing';
import { httpSplitting } from './nginx/http-splitting';
import { ifIsEvil } from './nginx/if-is-evil';
import { listenWithoutTls } from './nginx/listen-without-tls';
import { missingHsts } from './nginx/missing-hsts';
import { missingProxyHeaders } from './nginx/missing-proxy-headers';
import { missingRateLimit } from './nginx/missing-rate-limit';
import { missingSecurityHeaders } from './nginx/missing-security-headers';
import { originRegex } from './nginx/origin-regex';
import { serverTokens } from './nginx/server-tokens';
import { sslListenMissingSsl } from './nginx/ssl-listen-missing-ssl';
import { ssrf } from './nginx/ssrf';
import { syntax } from './nginx/syntax';
import { unknownDirective } from './nginx/unknown-directive';
import { unlimitedBody } from './nginx/unlimited-body';
import { validReferersNone } from './nginx/valid-referers-none';
import { weakCiphers } from './nginx/weak-ciphers';
import { weakTlsProtocols } from './nginx/weak-tls-protocols';
import { wrongContext } from './nginx/wrong-context';
import { envFallback } from './secret/env-fallback';
import { hardcodedCredential } from './secret/hardcoded-credential';
import { hardcodedPassword } from './secret/hardcoded-password';
import { ajvAdditionalProperties } from './ts/ajv-additional-properties';
import { apiKeyInQuery } from './ts/api-key-in-query';
import { apiKeyTimingCompare } from './ts/api-key-timing-compare';
import { argumentInjection } from './ts/argument-injection';
import { codeInjection } from './ts/code-injection';
import { commandInjection } from './ts/command-injection';
import { corsWildcard } from './ts/cors-wildcard';
import { cspUnsafeInline } from './ts/csp-unsafe-inline';
import { directoryListing } from './ts/directory-listing';
import { errorDetailsLeaked } from './ts/error-details-leaked';
import { httpServer } from './ts/http-server';
import { insecureSessionCookie } from './ts/insecure-session-cookie';
import { insecureUrl } from './ts/insecure-url';
import { jwtDecodeWithoutVerify } from './ts/jwt-decode-without-verify';
import { jwtHardcodedSecret } from './ts/jwt-hardcoded-secret';
import { jwtMissingAlgorithms } from './ts/jwt-missing-algorithms';
import { jwtNoExpiry } from './ts/jwt-no-expiry';
import { missingAuth } from './ts/missing-auth';
import { missingHelmet } from './ts/missing-helmet';
import { tsMissingRateLimit } from './ts/missing-rate-limit';
import { nosqlInjection } from './ts/nosql-injection';
import { openRedirect } from './ts/open-redirect';
import { pathTraversal } from './ts/path-traversal';
import { rateLimitSpoofableKey } from './ts/rate-limit-spoofable-key';
import { sensitiveDataLogged } from './ts/sensitive-data-logged';
import { sqlEscapeConcatenation } from './ts/sql-escape-concatenation';
import { sqlInjection } from './ts/sql-injection';
import { sqlReadonlyByPrefix } from './ts/sql-readonly-by-prefix';
import { tsSsrf } from './ts/ssrf';
import { swallowedSecurityCheck } from './ts/swallowed-security-check';
import { tlsVerificationDisabled } from './ts/tls-verification-disabled';
import { unsafeDeserialization } from './ts/unsafe-deserialization';
import { weakPathCheck } from './ts/weak-path-check';
import { weakUrlAllowlist } from './ts/weak-url-allowlist';
import { xxe } from './ts/xxe';

export type Rule = TsRule | DockerRule | NginxRule | McpConfigRule | WorkspaceRule;

export const allRules: readonly Rule[] = [
  deprecatedCipher,
  ecbMode,
  hardcodedKey,
  insecureRandom,
  staticIv,
  unauthenticatedCipher,
  weakHash,
  addRemote,
  chmod777Rule,
  copiesSecrets,
  credentialsInRun,
  curlPipeShell,
  exposeSsh,
  latestTag,
  missingHealthcheck,
  npmInstallRule,
  pipefail,
  rootUser,
  secretInEnv,
  sudo,
  dockerTlsVerificationDisabled,
  untrustedRegistry,
  unverifiedPackages,
  configSecret,
  dnsRebinding,
  dockerPrivileged,
  httpTransportWithoutAuth,
  insecureRemote,
  insecureSessionId,
  listenAllInterfaces,
  shellCommand,
  stdoutLogging,
  tokenPassthrough,
  toolWithoutInputSchema,
  unboundedToolInput,
  unpinnedPackage,
  addHeaderContentType,
  addHeaderMultiline,
  addHeaderRedefinition,
  aliasTraversal,
  allowWithoutDeny,
  autoindex,
  dotfilesExposed,
  externalResolver,
  hostSpoofing,
  httpSplitting,
  ifIsEvil,
  listenWithoutTls,
  missingHsts,
  missingProxyHeaders,
  missingRateLimit,
  missingSecurityHeaders,
  originRegex,
  serverTokens,
  sslListenMissingSsl,
  ssrf,
  syntax,
  unknownDirective,
  unlimitedBody,
  validReferersNone,
  weakCiphers,
  weakTlsProtocols,
  wrongContext,
  missingLockfile,
  unpinnedDependency,
  envExampleHasSecrets,
  envNotIgnored,
  keysNotIgnored,
  placeholderSecret,
  envFallback,
  hardcodedCredential,
  hardcodedPassword,
  ajvAdditionalProperties,
  apiKeyInQuery,
  apiKeyTimingCompare,
  argumentInjection,
  codeInjection,
  commandInjection,
  corsWildcard,
  cspUnsafeInline,
  directoryListing,
  errorDetailsLeaked,
  httpServer,
  insecureSessionCookie,
  insecureUrl,
  jwtDecodeWithoutVerify,
  jwtHardcodedSecret,
  jwtMissingAlgorithms,
  jwtNoExpiry,
  missingAuth,
  missingHelmet,
  tsMissingRateLimit,
  nosqlInjection,
  openRedirect,
  pathTraversal,
  rateLimitSpoofableKey,
  sensitiveDataLogged,
  sqlEscapeConcatenation,
  sqlInjection,
  sqlReadonlyByPrefix,
  tsSsrf,
  swallowedSecurityCheck,
  tlsVerificationDisabled,
  unsafeDeserialization,
  weakPathCheck,
  weakUrlAllowlist,
  xxe,
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
