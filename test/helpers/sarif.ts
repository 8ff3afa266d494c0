// SARIF 2.1.0 checked against its JSON schema (the one @microsoft/jest-sarif ships), for the CLI tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const repo = join(__dirname, '..', '..');

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }>;
  partialFingerprints?: Record<string, string>;
  suppressions?: Array<{ kind: string; justification?: string }>;
  baselineState?: string;
  codeFlows?: Array<{ threadFlows: Array<{ locations: unknown[] }> }>;
  relatedLocations?: unknown[];
  fixes?: Array<{
    description: { text: string };
    artifactChanges: Array<{
      artifactLocation: { uri: string };
      replacements: Array<{ deletedRegion: SarifRegion; insertedContent: { text: string } }>;
    }>;
  }>;
}

export interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
    results: SarifResult[];
    invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
  }>;
}

const schema = JSON.parse(
  readFileSync(
    join(repo, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
    'utf8',
  ),
);
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

/** Parses a SARIF log, failing the test with the schema's complaints if it is not valid SARIF 2.1.0. */
export function assertValidSarif(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  const valid = validateSarif(log);
  assert.ok(valid, `SARIF schema errors: ${ajv.errorsText(validateSarif.errors)}`);
  return log;
}
