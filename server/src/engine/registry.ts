// Every rule, listed by hand and sorted by id (a meta-test checks this list against rules.md).
import type { TsRule } from '../languages/typescript/rule';
import { envFallback } from '../rules/secret/env-fallback';
import { hardcodedCredential } from '../rules/secret/hardcoded-credential';
import { hardcodedPassword } from '../rules/secret/hardcoded-password';
import { errorDetailsLeaked } from '../rules/ts/error-details-leaked';
import { sensitiveDataLogged } from '../rules/ts/sensitive-data-logged';
import { sqlInjection } from '../rules/ts/sql-injection';
import { weakPathCheck } from '../rules/ts/weak-path-check';

export type Rule = TsRule;

export const allRules: readonly Rule[] = [
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
