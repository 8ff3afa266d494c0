// COPY/ADD of .env files and keys, or `COPY . .` with a .dockerignore that lets them in: the
// secrets end up in an image layer that anyone who pulls the image can read. Only copies whose
// files reach the final image count: in a multi-stage build, a build stage that the final stage
// takes only `dist/` or a binary from never ships its `.env`. The context may be a folder above
// the Dockerfile (see buildContextLevel): its .dockerignore is the one that counts. A copied
// .npmrc read from the context is a secret only when it holds a credential.
import type { Instruction } from 'dockerfile-ast';
import { IgnoreRules } from '../../core/ignore';
import { globMatcher } from '../../core/paths';
import type { DraftFix } from '../../core/rule';
import { buildContextLevel, contextPath, up, type DockerModel, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule, DockerRuleContext } from '../../languages/dockerfile/rule';

const exampleEnv = /(?:^|\/)\.env\.(?:example|sample|template|dist|defaults)$/i;
/** Public keys named like private ones: `yarn-pubkey.gpg.key`, `nginx_public_keys.key`, `repo.gpg.key`. */
const publicKey = /(?:^|[/_.-])(?:pub|public)(?:[_.-]|keys?\b)|pubkey|\.gpg\.key$/i;
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

/**
 * The build context's ignore file: <Dockerfile>.dockerignore beside the Dockerfile wins over the
 * context's .dockerignore (BuildKit). The context is the Dockerfile's folder unless the file
 * shows it is a folder above (`buildContextLevel`).
 */
function dockerignore(
  context: DockerRuleContext,
  model: DockerModel,
  level: number,
): { name: string; text: string | null } | undefined {
  const companions = context.companions;
  if (!companions) return undefined;
  const own = `${model.path.replace(/^.*[/\\]/, '')}.dockerignore`;
  if (typeof companions[own] === 'string') return { name: own, text: companions[own] };
  const name = `${up(level)}.dockerignore`;
  if (!(name in companions)) return undefined;
  return { name, text: companions[name] ?? null };
}

/** An .npmrc line that holds a credential: `_authToken`, `_auth` or `_password` with a literal value (not `${NPM_TOKEN}`). */
const npmCredentialLine = /^(?:\/\/[^\s=]*:)?(?:_authToken|_auth|_password)\s*=\s*(?!\$\{[A-Za-z_]\w*\}\s*$)\S/;
/** Line by line, each anchored: a multiline `^\s*` pattern backtracks quadratically on long blank runs. */
const npmCredential = {
  test: (text: string): boolean => text.split('\n').some((line) => npmCredentialLine.test(line.trimStart())),
};

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

const globChars = /[*?[]/;

/** One path segment against a COPY source segment, which may hold `*`, `?` and `[…]` globs. */
function segmentMatches(pattern: string, name: string): boolean {
  if (!globChars.test(pattern)) return pattern === name;
  // An unreadable class matches everything: a COPY we cannot judge is assumed to take the file.
  return globMatcher(pattern)?.test(name) ?? true;
}

/** What reachesFinal follows from a stage: the stages built on it, and the copies out of it. */
interface StageLinks {
  builtOn: Stage[];
  copiedBy: Array<{ into: Stage; copy: Instruction; from: string }>;
}

const linksByModel = new WeakMap<DockerModel, Map<Stage, StageLinks>>();

/**
 * Each stage's links, found in one pass over the file. reachesFinal went over every stage and
 * instruction of the file at each step: a file of 26,000 stages that each copy an .env took
 * minutes (quadratic), past any watchdog's budget.
 */
function stageLinks(model: DockerModel): Map<Stage, StageLinks> {
  let links = linksByModel.get(model);
  if (links) return links;
  const table = new Map<Stage, StageLinks>();
  links = table;
  const of = (stage: Stage): StageLinks => {
    let entry = table.get(stage);
    if (!entry) table.set(stage, (entry = { builtOn: [], copiedBy: [] }));
    return entry;
  };
  for (const other of model.stages) {
    if (other.baseStage) of(other.baseStage).builtOn.push(other);
    for (const copy of other.instructions) {
      const keyword = copy.getKeyword();
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      const from = model.flags(copy, 'from')[0]?.getValue();
      if (!from) continue;
      const source = model.stageByReference(model.substituteAt(other, copy, from) ?? from);
      if (source) of(source).copiedBy.push({ into: other, copy, from });
    }
  }
  linksByModel.set(model, links);
  return links;
}

/** Why a file at `path` in `stage` ends up in the final image, or undefined when it does not. */
function reachesFinal(model: DockerModel, stage: Stage, path: readonly string[] | undefined): string | undefined {
  const final = model.finalStage;
  const links = stageLinks(model);
  const seen = new Set<string>();
  const visit = (at: Stage, location: readonly string[] | undefined, depth: number): string | undefined => {
    if (at === final) return '';
    const key = `${at.index}:${location?.join('/') ?? '?'}`;
    if (depth > 16 || seen.has(key)) return undefined;
    seen.add(key);
    const { builtOn, copiedBy } = links.get(at) ?? { builtOn: [], copiedBy: [] };
    // In file order, as the walk over every stage went: a stage built FROM this one, then its copies.
    let b = 0;
    let c = 0;
    while (b < builtOn.length || c < copiedBy.length) {
      const nextBuilt = builtOn[b];
      const nextCopy = copiedBy[c];
      if (nextBuilt && (!nextCopy || nextBuilt.index <= nextCopy.into.index)) {
        b++;
        // A stage built FROM this one holds all of its files.
        const why = visit(nextBuilt, location, depth + 1);
        if (why !== undefined) return why || `the final stage is built FROM ${at.alias ?? `stage ${at.index}`}`;
        continue;
      }
      c++;
      const { into: other, copy, from } = nextCopy;
      const keyword = copy.getKeyword();
      const destination = model.copyDestination(copy);
      const sources = model.copySources(copy).filter((s) => !s.value.startsWith('--'));
      for (const source of sources) {
        const mapped = carried(model, other, copy, source.value, destination?.value, sources.length, location);
        if (mapped === false) continue;
        const why = visit(other, mapped, depth + 1);
        if (why !== undefined)
          return why || `the final stage takes the files with ${keyword} --from=${from} ${source.value}`;
      }
    }
    return undefined;
  };
  return visit(stage, path, 0);
}

/**
 * Where `COPY --from=<stage> <source> <destination>` in `into` puts the file at `location` of the
 * source stage: its path in `into`, undefined when that path cannot be told, false when the
 * source does not take the file (a subfolder such as `/app/dist` does not carry `/app/.env`).
 */
function carried(
  model: DockerModel,
  into: Stage,
  copy: Instruction,
  source: string,
  destination: string | undefined,
  sourceCount: number,
  location: readonly string[] | undefined,
): string[] | undefined | false {
  const value = model.substituteAt(into, copy, source);
  // Source paths of a stage copy are relative to that stage's root.
  const pattern = value === undefined ? undefined : value.split('/').filter((p) => p !== '' && p !== '.');
  if (pattern && location) {
    if (pattern.length > location.length) return false;
    if (!pattern.every((segment, i) => segmentMatches(segment, location[i]))) return false;
  }
  if (!pattern || !location || destination === undefined) return undefined;
  const target = model.resolvePath(into, copy, destination);
  if (!target) return undefined;
  if (pattern.length < location.length) return [...target, ...location.slice(pattern.length)];
  // The file itself: into the destination folder, or renamed to the destination.
  const intoFolder = destination.endsWith('/') || sourceCount > 1 || globChars.test(pattern[pattern.length - 1] ?? '');
  return intoFolder ? [...target, location[location.length - 1]] : target;
}

/** Where a context copy puts `name` (a file of the context): undefined when the path is unknown. */
function copiedTo(
  model: DockerModel,
  stage: Stage,
  instruction: Instruction,
  name: string,
  sourceCount: number,
): string[] | undefined {
  const destination = model.copyDestination(instruction);
  if (!destination) return undefined;
  const target = model.resolvePath(stage, instruction, destination.value);
  if (!target) return undefined;
  const intoFolder = destination.value.endsWith('/') || sourceCount > 1 || /^\.?\/?$/.test(destination.value);
  return intoFolder ? [...target, name] : target;
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
    const level = buildContextLevel(model, context.companions);
    const ignoreFile = dockerignore(context, model, level);
    const folders =
      model.path
        .replace(/\\/g, '/')
        .split('/')
        .filter((p) => p !== '' && p !== '.').length - 1;
    const visit = (instruction: Instruction, stage: Stage): void => {
      const keyword = instruction.getKeyword();
      // Copies from another stage or image do not read the context.
      if (model.flags(instruction, 'from').length > 0) return;
      const sources = model.copySources(instruction).filter((s) => !s.value.startsWith('--'));
      /** Why the copied file reaches the final image, undefined when it does not. */
      const reaches = (name: string): string | undefined =>
        stage === model.finalStage
          ? ''
          : reachesFinal(model, stage, copiedTo(model, stage, instruction, name, sources.length));
      const because = (why: string): string => (why ? ` (${why})` : '');
      for (const source of sources) {
        const { value, span } = source;
        if (secretSource.test(value) && !exampleEnv.test(value) && !publicKey.test(value.replace(/^.*\//, ''))) {
          const why = reaches(value.replace(/^.*\//, ''));
          if (why === undefined) continue;
          // An .npmrc is often committed with settings only (`engine-strict`, a registry URL):
          // read from the context, it is a secret only when it holds a credential.
          let npmrc: string | null | undefined;
          if (/(?:^|\/)\.npmrc$/.test(value)) {
            const path = model.substituteAt(stage, instruction, value);
            npmrc = path === undefined ? undefined : context.companions?.[`${up(level)}${contextPath(path)}`];
            if (typeof npmrc === 'string' && !npmCredential.test(npmrc)) continue;
          }
          context.report({
            start: span.start,
            end: span.end,
            message:
              npmrc === undefined || npmrc === null
                ? /(?:^|\/)\.npmrc$/.test(value)
                  ? `${keyword} ${value} puts an .npmrc into an image layer${because(why)}; it could not be read to tell whether it holds a registry token. Keep tokens out of it and pass them at build time as a BuildKit secret.`
                  : `${keyword} ${value} puts a secret file into an image layer${because(why)}. Pass secrets at run time instead.`
                : `${keyword} ${value} puts an .npmrc with a registry credential into an image layer${because(why)}. Pass the token at build time as a BuildKit secret instead.`,
            // An .npmrc that could not be read may hold settings only: a warning, not an error.
            ...(/(?:^|\/)\.npmrc$/.test(value) && typeof npmrc !== 'string' ? { severity: 'warning' as const } : {}),
          });
          continue;
        }
        if (!wholeContext.has(value) || !ignoreFile) continue;
        const missing = missingPatterns(ignoreFile.text);
        if (!missing.includes('.env')) continue;
        const why = reaches('.env');
        if (why === undefined) continue;
        // A context above the Dockerfile's folder: the fix writes to the project root's
        // .dockerignore when that is the context, and offers none for a folder in between.
        const above = level > 0 && !ignoreFile.name.endsWith(`${model.path.replace(/^.*[/\\]/, '')}.dockerignore`);
        const target: DraftFix['appendToFile'] = !above
          ? { path: ignoreFile.name, relativeTo: 'file', lines: missing }
          : level === folders
            ? { path: '.dockerignore', relativeTo: 'project', lines: missing }
            : undefined;
        const fixes: DraftFix[] = target
          ? [{ title: `Add ${missing.join(', ')} to ${ignoreFile.name}`, kind: 'fix', edits: [], appendToFile: target }]
          : [];
        const contextNote = above
          ? ` (the build context is ${up(level).slice(0, -1)}, judged from the COPY sources)`
          : '';
        context.report({
          start: span.start,
          end: span.end,
          message: `${keyword} ${value} copies the whole build context${contextNote}, and ${ignoreFile.text === null ? 'there is no .dockerignore' : `${ignoreFile.name} does not exclude .env`}: local secrets end up in the image${because(why)}.`,
          fixes,
        });
      }
    };
    return { COPY: visit, ADD: visit };
  },
};
