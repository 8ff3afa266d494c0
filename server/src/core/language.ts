// What a language analyzer hands back to the engine, still in offsets of the analyzed text.
import type { DraftFinding, FactValue, RuleBase, RuleError } from './rule';
import type { Suppression } from './suppressions';

export interface RuleReport {
  ruleId: string;
  finding: DraftFinding;
}

export interface DraftFact {
  name: string;
  value: FactValue;
  start?: number;
  end?: number;
}

export interface LanguageAnalysis {
  reports: RuleReport[];
  facts: DraftFact[];
  ruleErrors: RuleError[];
  suppressions: Suppression[];
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs whole-file rules one by one: a rule that throws is reported once and its partial output
 * dropped; the others go on.
 */
export function runIsolated<R extends RuleBase>(rules: readonly R[], check: (rule: R, report: (finding: DraftFinding) => void) => void): { reports: RuleReport[]; ruleErrors: RuleError[] } {
  const reports: RuleReport[] = [];
  const ruleErrors: RuleError[] = [];
  for (const rule of rules) {
    const own: RuleReport[] = [];
    try {
      check(rule, (finding) => own.push({ ruleId: rule.id, finding }));
      reports.push(...own);
    } catch (error) {
      ruleErrors.push({ ruleId: rule.id, message: describeError(error) });
    }
  }
  return { reports, ruleErrors };
}
