// COPY/ADD of .env files and keys, or `COPY . .` with a .dockerignore that lets them in: the
// secrets end up in an image layer that anyone who pulls the image can read.
import { ModifiableInstruction, type Instruction } from 'dockerfile-ast';
import { IgnoreRules } from '../../core/ignore';
import type { DraftFix } from '../../core/rule';
import type { DockerModel } from '../../languages/dockerfile/model';
import type { DockerRule, DockerRuleContext } from '../../languages/dockerfile/rule';

const exampleEnv = /(?:^|\/)\.env\.(?:example|sample|template|dist|defaults)$/i;
const secretSource =
  /(?:^|\/)(?:\.env(?:\.[A-Za-z0-9_-]+)?|[^/]*\.(?:pem|key|p12|pfx)|id_(?:rsa|dsa|ecdsa|ed25519)|\.npmrc|credentials\.json)$/i;
const wholeContext = new Set(['.', './', '*', './*']);
/** What .dockerignore must exclude for a whole-context copy to be safe. */
const requiredPatterns: Array<{ pattern: string; probe: string }> = [
  { pattern: '.env', probe: '.env' },
  { pattern: '.env.*', probe: '.env.local' },
  { pattern: '*.pem', probe: 'key.pem' },
  { pattern: '*.key', probe: 'server.key' },
];

/** The build context's ignore file: <Dockerfile>.dockerignore wins over .dockerignore (BuildKit). */
function dockerignore(
  context: DockerRuleContext,
  model: DockerModel,
): { name: string; text: string | null } | undefined {
  const companions = context.companions;
  if (!companions) return undefined;
  const own = `${model.path.replace(/^.*[/\\]/, '')}.dockerignore`;
  if (typeof companions[own] === 'string') return { name: own, text: companions[own] };
  if (!('.dockerignore' in companions)) return undefined;
  return { name: '.dockerignore', text: companions['.dockerignore'] ?? null };
}

function missingPatterns(text: string | null): string[] {
  // Docker anchors patterns at the context root, and so does this check for root-level probes.
  const rules = IgnoreRules.fromText(
    (text ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/^\//, ''))
      .join('\n'),
  );
  return requiredPatterns.filter(({ probe }) => !rules.ignores(probe)).map(({ pattern }) => pattern);
}

export const copiesSecrets: DockerRule = {
  id: 'docker/copies-secrets',
  language: 'dockerfile',
  meta: {
    title: 'Secrets copied into the image',
    summary: '`COPY .env`, keys, or `COPY . .` while `.dockerignore` lets `.env` in (fix appends to `.dockerignore`)',
    severity: 'error',
    guideSection: 'Environment Variables › Use a .env file with proper gitignore',
    checklistItem: 'access-controls',
    description:
      'A COPY or ADD copies a .env file, a private key or credentials into the image, or copies the whole build context while .dockerignore does not exclude them. Every layer of an image can be read by anyone who pulls it, even if a later step deletes the file.',
    remedy:
      'Exclude .env and key files in .dockerignore and pass secrets at run time (or as BuildKit secrets at build time).',
    fixable: true,
  },
  create(context) {
    const { model } = context;
    const ignoreFile = dockerignore(context, model);
    const visit = (instruction: Instruction): void => {
      const keyword = instruction.getKeyword();
      const flags = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
      if (flags.some((f) => f.getName() === 'from')) return; // copies from another stage or image, not the context
      for (const source of model.copySources(instruction)) {
        const { value, span } = source;
        if (value.startsWith('--')) continue;
        if (secretSource.test(value) && !exampleEnv.test(value)) {
          context.report({
            start: span.start,
            end: span.end,
            message: `${keyword} ${value} puts a secret file into an image layer. Pass secrets at run time instead.`,
          });
          continue;
        }
        if (!wholeContext.has(value) || !ignoreFile) continue;
        const missing = missingPatterns(ignoreFile.text);
        if (!missing.includes('.env')) continue;
        const fix: DraftFix = {
          title: `Add ${missing.join(', ')} to ${ignoreFile.name}`,
          kind: 'fix',
          edits: [],
          appendToFile: { path: ignoreFile.name, relativeTo: 'file', lines: missing },
        };
        context.report({
          start: span.start,
          end: span.end,
          message: `${keyword} ${value} copies the whole build context, and ${ignoreFile.text === null ? 'there is no .dockerignore' : `${ignoreFile.name} does not exclude .env`}: local secrets end up in the image.`,
          fixes: [fix],
        });
      }
    };
    return { COPY: visit, ADD: visit };
  },
};
