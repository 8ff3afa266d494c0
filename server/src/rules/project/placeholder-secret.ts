// The guide's own .env example: JWT_SECRET=your-secret-key. A placeholder that reaches
// production signs tokens anyone can forge.
import { isPlaceholder, isSecretLikeName } from '../../knowledge/secrets';
import { parseEnvFile } from '../../languages/project/files';
import type { WorkspaceRule } from '../../languages/project/rule';

const weakValues = /^(?:secret|password|passw0rd|admin|root|123456\d*|qwerty|letmein|default|test|changeit)$/i;

export const placeholderSecret: WorkspaceRule = {
  id: 'project/placeholder-secret',
  language: 'workspace',
  meta: {
    title: 'Placeholder or weak secret in .env',
    summary: 'placeholder or weak secrets in `.env` (`your-secret-key`, `changeme`)',
    severity: 'warning',
    guideSection: "API Keys and Secrets Management › Never hardcode secrets (the guide's own .env example)",
    checklistItem: 'no-hardcoded-secrets',
    description:
      "A .env file gives a secret-like key a placeholder or trivially weak value, as the guide's own example does (a signing secret literally saying it is one). Copied from a tutorial, it reaches staging and production unchanged: anyone who knows the tutorial can forge tokens or log in. Signing secrets and keys under 16 characters are brute-forceable.",
    remedy: 'Generate a real value (openssl rand -hex 32) and keep it in the environment or a secret manager.',
  },
  check({ project, report }) {
    for (const file of project.ofKind('env')) {
      if (!file.text) continue;
      for (const entry of parseEnvFile(file.text)) {
        if (!isSecretLikeName(entry.key) || entry.value === '') continue;
        // A reference to another variable is not a value.
        if (/^\$\{?[A-Za-z_]/.test(entry.value)) continue;
        const placeholder = isPlaceholder(entry.value) || weakValues.test(entry.value);
        const short = /(?:SECRET|KEY)$/i.test(entry.key) && entry.value.length < 16;
        if (!placeholder && !short) continue;
        report(file.path, {
          start: entry.valueStart,
          end: entry.valueEnd,
          message: placeholder
            ? `${entry.key} is set to a placeholder value. Generate a real secret (openssl rand -hex 32).`
            : `${entry.key} is only ${entry.value.length} characters long. Use at least 32 random bytes (openssl rand -hex 32).`,
        });
      }
    }
  },
};
