// What a language analyzer hands back to the engine, still in offsets of the analyzed text.
import type { DraftFinding, FactValue, RuleError } from './rule';
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
