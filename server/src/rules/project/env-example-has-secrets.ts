// .env.example is committed on purpose: a real credential in it is a published credential.
import {
  findCredentials,
  isPlaceholder,
  isSecretLikeName,
  looksLikeSecretValue,
  maskSecret,
} from '../../knowledge/secrets';
import { parseEnvFile } from '../../languages/project/files';
import type { WorkspaceRule } from '../../languages/project/rule';

export const envExampleHasSecrets: WorkspaceRule = {
  id: 'project/env-example-has-secrets',
  language: 'workspace',
  meta: {
    title: 'Real credential in .env.example',
    summary: 'real credentials in `.env.example` and friends',
    severity: 'warning',
    guideSection: 'API Keys and Secrets Management › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      'Example env files (.env.example, .env.sample, .env.template) are committed so people know which variables to set. This one holds a value in a credential format (an API key, a token, a connection string with a password) or a secret-looking value under a secret name: it is public with the repository and usually still valid.',
    remedy: 'Blank the value (KEY=) or write a placeholder, and rotate the credential.',
    fixable: true,
  },
  check({ project, report }) {
    for (const file of project.ofKind('env-example')) {
      if (!file.text) continue;
      for (const entry of parseEnvFile(file.text)) {
        if (entry.value === '' || isPlaceholder(entry.value)) continue;
        const credential = findCredentials(entry.value)[0];
        if (!credential && !(isSecretLikeName(entry.key) && looksLikeSecretValue(entry.value))) continue;
        const what = credential ? credential.format.label : 'secret-looking value';
        report(file.path, {
          start: entry.valueStart,
          end: entry.valueEnd,
          message: `${entry.key} in ${file.path} holds a ${what} ('${maskSecret(credential?.value ?? entry.value)}'). Example files are committed: blank it and rotate the credential.`,
          fixes: [
            {
              title: `Blank ${entry.key}`,
              kind: 'fix',
              edits: [{ start: entry.valueStart, end: entry.valueEnd, newText: '' }],
            },
          ],
        });
      }
    }
  },
};
