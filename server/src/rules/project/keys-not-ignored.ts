// A private key in the repository is a published private key.
import type { WorkspaceRule } from '../../languages/project/rule';
import { fileName } from '../../core/paths';

/** Whether a key file's text holds private material (PEM armor says so; unarmored key files are assumed private). */
function holdsPrivateKey(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text)) return true;
  // Armored but with no private block: certificates, public keys, CSRs.
  if (text.includes('-----BEGIN ')) return false;
  return text.trim() !== '';
}

export const keysNotIgnored: WorkspaceRule = {
  id: 'project/keys-not-ignored',
  language: 'workspace',
  meta: {
    title: 'Private key file not ignored by git',
    summary: 'private keys (`*.pem`, `*.key`) that git does not ignore',
    severity: 'error',
    guideSection: 'API Keys and Secrets Management › Never hardcode secrets (.env with gitignore)',
    checklistItem: 'access-controls',
    description:
      'A .pem or .key file holding a private key is in the project and git does not ignore it. Whoever can read the repository (or its history, forks and CI caches) can impersonate the server or decrypt its traffic. Certificates and public keys alone are not reported.',
    remedy:
      'Add *.pem and *.key to .gitignore, load keys from a secret store or a mounted file, and replace any key that was committed.',
    fixable: true,
    hintInTests: true,
  },
  check({ project, report }) {
    for (const file of project.ofKind('key')) {
      // Unreadable (binary, too large) key files are still keys; readable ones must hold private material.
      if (file.gitIgnored || (file.text !== null && !holdsPrivateKey(file.text))) continue;
      const extension = /\.(pem|key)$/i.exec(file.path)?.[1]?.toLowerCase();
      const pattern = extension ? `*.${extension}` : fileName(file.path);
      report(file.path, {
        start: 0,
        end: file.text ? Math.max(0, file.text.search(/\r?\n|$/)) : 0,
        message: `${file.path} holds a private key and git does not ignore it. Add ${pattern} to .gitignore and load the key from outside the repository.`,
        fixes: [
          {
            title: `Add ${pattern} to .gitignore`,
            kind: 'fix',
            edits: [],
            appendToFile: { path: '.gitignore', relativeTo: 'project', lines: [pattern] },
          },
        ],
      });
    }
  },
};
