// Every rule, listed by hand and sorted by id (a meta-test checks this list against rules.md).
import type { DockerRule } from '../languages/dockerfile/rule';
import type { NginxRule } from '../languages/nginx/rule';
import type { TsRule } from '../languages/typescript/rule';
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
import { errorDetailsLeaked } from '../rules/ts/error-details-leaked';
import { sensitiveDataLogged } from '../rules/ts/sensitive-data-logged';
import { sqlInjection } from '../rules/ts/sql-injection';
import { weakPathCheck } from '../rules/ts/weak-path-check';

export type Rule = TsRule | DockerRule | NginxRule;

export const allRules: readonly Rule[] = [
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
  envFallback,
  hardcodedCredential,
  hardcodedPassword,
  errorDetailsLeaked,
  sensitiveDataLogged,
  sqlInjection,
  weakPathCheck,
];

export const ruleIds: readonly string[] = allRules.map((rule) => rule.id);

export function ruleById(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
