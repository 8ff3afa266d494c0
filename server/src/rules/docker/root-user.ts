// The final image runs as root (no USER, or USER root/0): a compromise of the app is a root
// compromise of the container, one step from the host. Not when the image provably does not:
// a base image known to run unprivileged, a start-up that drops root (gosu, su-exec, setpriv…,
// inline or in an entrypoint script read from the build context), or a Windows image.
import type { Instruction } from 'dockerfile-ast';
import type { DraftFix, DraftRelated } from '../../core/rule';
import { appendLines, insertLinesBefore } from '../../languages/dockerfile/edits';
import { isWindowsImage, nonRootBaseUser } from '../../knowledge/images';
import { buildContextLevel, osFamily, up, type DockerModel, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule, DockerRuleContext } from '../../languages/dockerfile/rule';

function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
}

/** A user argument that is not root: a name, a uid, or a variable (`$APP_USER`, `"$UID:$GID"`). */
const user = String.raw`["']?(?!(?:root|0)(?:[:"'\s]|$))[\w\${}.:-]+`;

/**
 * Commands that start the app as another user when the container starts as root: gosu, su-exec,
 * setpriv --reuid, chroot --userspec, s6-setuidgid, runuser -u and chpst -u.
 */
const privilegeDrops = [
  new RegExp(String.raw`\bgosu\s+${user}`),
  new RegExp(String.raw`\bsu-exec\s+${user}`),
  new RegExp(String.raw`\bsetpriv\b[^\n;&|]*?--reuid[=\s]+${user}`),
  new RegExp(String.raw`\bchroot\s+(?:--[\w-]+(?:=\S+)?\s+)*--userspec[=\s]+${user}`),
  new RegExp(String.raw`\bs6-setuidgid\s+${user}`),
  new RegExp(String.raw`\brunuser\s+(?:-[A-Za-z]+\s+)*(?:-u\s+|--user[=\s]+)${user}`),
  new RegExp(String.raw`\bchpst\s+(?:-[A-Za-z]\s+\S+\s+)*-u\s+${user}`),
];

/** The privilege-dropping command in `text` (a command line or a script), comment lines aside. */
function dropsPrivileges(text: string): string | undefined {
  const code = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n');
  for (const pattern of privilegeDrops) {
    const match = pattern.exec(code);
    if (match) return match[0].split(/\s/)[0];
  }
  return undefined;
}

/**
 * Whether the container drops root when it starts: its ENTRYPOINT/CMD runs gosu & co., or an
 * entrypoint script read from the build context does. `unread` lists the scripts that could not
 * be read (then nobody can tell), `read` the ones read that do not drop privileges.
 */
function startupDrop(
  model: DockerModel,
  context: DockerRuleContext,
  stage: Stage,
): { drops: boolean; unread: string[]; read: string[] } {
  const { entrypoint, cmd } = model.execution(stage);
  const command = [entrypoint, cmd]
    .filter((i) => i !== undefined)
    .map((i) => model.commandWords(i).join(' '))
    .join(' ');
  if (dropsPrivileges(command)) return { drops: true, unread: [], read: [] };
  const scripts = model.entrypointScripts();
  if (scripts.length === 0) return { drops: false, unread: [], read: [] };
  const level = buildContextLevel(model, context.companions);
  const unread: string[] = [];
  const read: string[] = [];
  for (const script of scripts) {
    const text = context.companions?.[`${up(level)}${script}`];
    if (typeof text !== 'string') unread.push(script);
    else if (dropsPrivileges(text)) return { drops: true, unread: [], read: [] };
    else read.push(script);
  }
  return { drops: false, unread, read };
}

function userLines(model: DockerModel, stage: Stage): { title: string; lines: string[] } | undefined {
  const image = model.baseImageOf(stage);
  const family = osFamily(image);
  const c = model.escapeChar;
  switch (family) {
    case 'alpine':
      return {
        title: 'Create appuser (Alpine) and switch to it',
        lines: [
          '# Create a non-root user',
          `RUN addgroup -g 1001 -S appuser && ${c}`,
          '    adduser -u 1001 -S appuser -G appuser',
          '',
          '# Switch to non-root user',
          'USER appuser',
        ],
      };
    case 'debian':
      return {
        title: 'Create appuser (Debian/Ubuntu) and switch to it',
        lines: [
          '# Create a non-root user',
          `RUN groupadd --system --gid 1001 appuser && ${c}`,
          '    useradd --system --uid 1001 --gid appuser --no-create-home appuser',
          '',
          '# Switch to non-root user',
          'USER appuser',
        ],
      };
    case 'distroless':
      return { title: 'Run as the image\u2019s nonroot user', lines: ['USER nonroot'] };
    default:
      return undefined;
  }
}

/**
 * Why the final stage runs as root, as related places: where it starts (unless the finding is
 * there), the USER root it inherits from an earlier stage, and the ENTRYPOINT or CMD the
 * container starts with.
 */
function rootPlaces(
  model: DockerModel,
  stage: Stage,
  last: Instruction | undefined,
  inherited: { user: Instruction; stage: Stage } | undefined,
): DraftRelated[] {
  const places: DraftRelated[] = [];
  const name = (s: Stage): string => (s.alias !== undefined ? `'${s.alias}'` : `${s.index}`);
  if (last)
    places.push({
      ...stage.fromSpan,
      message: `the final stage${stage.alias !== undefined ? ` '${stage.alias}'` : ''} starts here`,
    });
  else if (inherited)
    places.push({
      ...model.instructionSpan(inherited.user),
      message: `USER ${(inherited.user.getArgumentsContent() ?? '').trim()}, inherited from stage ${name(inherited.stage)}`,
    });
  const { entrypoint, cmd } = model.execution(stage);
  const start = entrypoint ?? cmd;
  if (start)
    places.push({
      ...model.instructionSpan(start),
      message: `the container starts as root with this ${start.getKeyword()}`,
    });
  return places;
}

export const rootUser: DockerRule = {
  id: 'docker/root-user',
  language: 'dockerfile',
  meta: {
    title: 'Container runs as root',
    summary: "final stage runs as root; fix adds a user in the base image's form (Alpine, Debian, distroless, node)",
    severity: 'warning',
    guideSection: 'Container Security › Run as non-root user',
    checklistItem: 'access-controls',
    description:
      'The final stage has no USER instruction, or its last USER is root. The process then runs as root inside the container: a bug in the app becomes root access to the container, and one kernel or runtime flaw away from the host.',
    remedy: 'Create an unprivileged user and switch to it with USER before CMD/ENTRYPOINT.',
    hasSuggestions: true,
  },
  create(context) {
    const { model } = context;
    // The last USER of each stage.
    const lastUser = new Map<Stage, Instruction>();
    return {
      USER(user, stage) {
        lastUser.set(stage, user);
      },
      end() {
        const stage = model.finalStage;
        if (!stage) return;
        const last = lastUser.get(stage);
        // A final stage built on an earlier one inherits its USER (and its scratch root).
        let inherited: { user: Instruction; stage: Stage } | undefined;
        let scratch = stage.isScratch;
        for (let base = stage.baseStage, guard = 0; base && guard < 64; base = base.baseStage, guard++) {
          const baseUser = lastUser.get(base);
          if (!inherited && baseUser) inherited = { user: baseUser, stage: base };
          scratch ||= base.isScratch;
        }
        const effective = last ?? inherited?.user;
        if (effective && !isRoot(effective.getArgumentsContent() ?? '')) return;
        // scratch has no users and runs as root only when told: an explicit USER root/0 still is.
        if (!effective && scratch) return;
        const image = model.baseImageOf(stage);
        // Windows containers have no root; USER names a Windows account there.
        if (isWindowsImage(image)) return;
        // Base images that already run unprivileged (jupyter's jovyan, distroless :nonroot, …).
        if (!effective && nonRootBaseUser(image)) return;
        // The container starts as root only to drop it (gosu, su-exec, setpriv in ENTRYPOINT/CMD
        // or in an entrypoint script read from the build context).
        const startup = startupDrop(model, context, stage);
        if (startup.drops) return;
        const fixes: DraftFix[] = [];
        const start = stage.instructions.find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
        const insertion = (lines: string[]) =>
          start ? insertLinesBefore(model, start, [...lines, '']) : appendLines(model, ['', ...lines]);
        if (scratch) {
          // No /etc/passwd to add a user to: a numeric id needs none.
          const argument = last?.getArgumentsRange();
          fixes.push({
            title: 'Run as an unprivileged numeric user (65534, nobody)',
            kind: 'suggestion',
            edits: [argument ? { ...model.spanOf(argument), newText: '65534:65534' } : insertion(['USER 65534:65534'])],
          });
        }
        if (image?.name === 'node' || image?.name === 'library/node') {
          fixes.push({
            title: 'Run as the node image\u2019s node user',
            kind: 'suggestion',
            edits: [insertion(['USER node'])],
          });
        }
        const generic = userLines(model, stage);
        if (generic) fixes.push({ title: generic.title, kind: 'suggestion', edits: [insertion(generic.lines)] });
        const span = last ? model.instructionSpan(last) : stage.fromSpan;
        const scriptNote =
          startup.unread.length > 0
            ? ` Its entrypoint script ${startup.unread[0]} could not be read to tell whether it drops privileges.`
            : startup.read.length > 0
              ? ` Its entrypoint script ${startup.read[0]} does not drop privileges (gosu, su-exec, setpriv).`
              : '';
        context.report({
          start: span.start,
          end: span.end,
          related: rootPlaces(model, stage, last, inherited),
          message:
            (last
              ? scratch
                ? `The final stage sets USER ${(last.getArgumentsContent() ?? '').trim()}: even on scratch the process then runs as root. Use an unprivileged numeric USER such as 65534.`
                : 'The final stage switches back to root. Run the app as an unprivileged USER.'
              : inherited
                ? `The final stage inherits USER ${(inherited.user.getArgumentsContent() ?? '').trim()} from stage '${inherited.stage.alias ?? inherited.stage.index}', so the container runs as root. Add an unprivileged USER before CMD.`
                : 'The final stage has no USER, so the container runs as root. Add an unprivileged USER before CMD.') +
            scriptNote,
          fixes,
        });
      },
    };
  },
};
