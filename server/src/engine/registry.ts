// Every rule, listed by hand and sorted by id (a meta-test checks this list against rules.md).
import type { DockerRule } from '../languages/dockerfile/rule';
import type { NginxRule } from '../languages/nginx/rule';
import type { WorkspaceRule } from '../languages/project/rule';
import type { TsRule } from '../languages/typescript/rule';
import { deprecatedCipher } from '../rules/crypto/deprecated-cipher';
import { ecbMode } from '../rules/crypto/ecb-mode';
import { hardcodedKey } from '../rules/crypto/hardcoded-key';
import { insecureRandom } from '../rules/crypto/insecure-random';
import { staticIv } from '../rules/crypto/static-iv';
import { unauthenticatedCipher } from '../rules/crypto/unauthenticated-cipher';
import { weakHash } from '../rules/crypto/weak-hash';
import { addRemote } from '../rules/docker/add-remote';
import { chmod777Rule } from '../rules/docker/chmod-777';
import { copiesSecrets } from '../rules/docker/copies-secrets';
import { curlPipeShell } from '../rules/docker/curl-pipe-shell';
import { exposeSsh } from '../rules/docker/expose-ssh';
import { latestTag } from '../rules/docker/latest-tag';
import { missingHealthcheck } from '../rules/docker/missing-healthcheck';
import { npmInstallRule } from '../rules/docker/npm-install';
import { rootUser } from '../rules/docker/root-user';
import { secretInEnv } from '../rules/docker/secret-in-env';
import { sudo } from '../rules/docker/sudo';
import { untrustedRegistry } from '../rules/docker/untrusted-registry';
import { dnsRebinding } from '../rules/mcp/dns-rebinding';
import { httpTransportWithoutAuth } from '../rules/mcp/http-transport-without-auth';
import { insecureSessionId } from '../rules/mcp/insecure-session-id';
import { listenAllInterfaces } from '../rules/mcp/listen-all-interfaces';
import { stdoutLogging } from '../rules/mcp/stdout-logging';
import { tokenPassthrough } from '../rules/mcp/token-passthrough';
import { toolWithoutInputSchema } from '../rules/mcp/tool-without-input-schema';
import { unboundedToolInput } from '../rules/mcp/unbounded-tool-input';
import { missingLockfile } from '../rules/pkg/missing-lockfile';
import { unpinnedDependency } from '../rules/pkg/unpinned-dependency';
import { envExampleHasSecrets } from '../rules/project/env-example-has-secrets';
import { envNotIgnored } from '../rules/project/env-not-ignored';
import { keysNotIgnored } from '../rules/project/keys-not-ignored';
import { placeholderSecret } from '../rules/project/placeholder-secret';
import { addHeaderRedefinition } from '../rules/nginx/add-header-redefinition';
import { aliasTraversal } from '../rules/nginx/alias-traversal';
import { autoindex } from '../rules/nginx/autoindex';
import { dotfilesExposed } from '../rules/nginx/dotfiles-exposed';
import { hostSpoofing } from '../rules/nginx/host-spoofing';
import { httpSplitting } from '../rules/nginx/http-splitting';
import { listenWithoutTls } from '../rules/nginx/listen-without-tls';
import { missingHsts } from '../rules/nginx/missing-hsts';
import { missingProxyHeaders } from '../rules/nginx/missing-proxy-headers';
import { missingRateLimit } from '../rules/nginx/missing-rate-limit';
import { missingSecurityHeaders } from '../rules/nginx/missing-security-headers';
import { originRegex } from '../rules/nginx/origin-regex';
import { serverTokens } from '../rules/nginx/server-tokens';
import { sslListenMissingSsl } from '../rules/nginx/ssl-listen-missing-ssl';
import { ssrf } from '../rules/nginx/ssrf';
import { syntax } from '../rules/nginx/syntax';
import { unknownDirective } from '../rules/nginx/unknown-directive';
import { unlimitedBody } from '../rules/nginx/unlimited-body';
import { weakCiphers } from '../rules/nginx/weak-ciphers';
import { weakTlsProtocols } from '../rules/nginx/weak-tls-protocols';
import { wrongContext } from '../rules/nginx/wrong-context';
import { envFallback } from '../rules/secret/env-fallback';
import { hardcodedCredential } from '../rules/secret/hardcoded-credential';
import { hardcodedPassword } from '../rules/secret/hardcoded-password';
import { ajvAdditionalProperties } from '../rules/ts/ajv-additional-properties';
import { apiKeyInQuery } from '../rules/ts/api-key-in-query';
import { apiKeyTimingCompare } from '../rules/ts/api-key-timing-compare';
import { codeInjection } from '../rules/ts/code-injection';
import { commandInjection } from '../rules/ts/command-injection';
import { corsWildcard } from '../rules/ts/cors-wildcard';
import { cspUnsafeInline } from '../rules/ts/csp-unsafe-inline';
import { directoryListing } from '../rules/ts/directory-listing';
import { errorDetailsLeaked } from '../rules/ts/error-details-leaked';
import { httpServer } from '../rules/ts/http-server';
import { insecureUrl } from '../rules/ts/insecure-url';
import { jwtDecodeWithoutVerify } from '../rules/ts/jwt-decode-without-verify';
import { jwtHardcodedSecret } from '../rules/ts/jwt-hardcoded-secret';
import { jwtMissingAlgorithms } from '../rules/ts/jwt-missing-algorithms';
import { jwtNoExpiry } from '../rules/ts/jwt-no-expiry';
import { missingAuth } from '../rules/ts/missing-auth';
import { missingHelmet } from '../rules/ts/missing-helmet';
import { tsMissingRateLimit } from '../rules/ts/missing-rate-limit';
import { openRedirect } from '../rules/ts/open-redirect';
import { pathTraversal } from '../rules/ts/path-traversal';
import { rateLimitSpoofableKey } from '../rules/ts/rate-limit-spoofable-key';
import { sensitiveDataLogged } from '../rules/ts/sensitive-data-logged';
import { sqlEscapeConcatenation } from '../rules/ts/sql-escape-concatenation';
import { sqlInjection } from '../rules/ts/sql-injection';
import { tsSsrf } from '../rules/ts/ssrf';
import { tlsVerificationDisabled } from '../rules/ts/tls-verification-disabled';
import { weakPathCheck } from '../rules/ts/weak-path-check';
import { weakUrlAllowlist } from '../rules/ts/weak-url-allowlist';

export type Rule = TsRule | DockerRule | NginxRule | WorkspaceRule;

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
  curlPipeShell,
  exposeSsh,
  latestTag,
  missingHealthcheck,
  npmInstallRule,
  rootUser,
  secretInEnv,
  sudo,
  untrustedRegistry,
  dnsRebinding,
  httpTransportWithoutAuth,
  insecureSessionId,
  listenAllInterfaces,
  stdoutLogging,
  tokenPassthrough,
  toolWithoutInputSchema,
  unboundedToolInput,
  addHeaderRedefinition,
  aliasTraversal,
  autoindex,
  dotfilesExposed,
  hostSpoofing,
  httpSplitting,
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
  codeInjection,
  commandInjection,
  corsWildcard,
  cspUnsafeInline,
  directoryListing,
  errorDetailsLeaked,
  httpServer,
  insecureUrl,
  jwtDecodeWithoutVerify,
  jwtHardcodedSecret,
  jwtMissingAlgorithms,
  jwtNoExpiry,
  missingAuth,
  missingHelmet,
  tsMissingRateLimit,
  openRedirect,
  pathTraversal,
  rateLimitSpoofableKey,
  sensitiveDataLogged,
  sqlEscapeConcatenation,
  sqlInjection,
  tsSsrf,
  tlsVerificationDisabled,
  weakPathCheck,
  weakUrlAllowlist,
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
