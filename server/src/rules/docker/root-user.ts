// The final image runs as root (no USER, or USER root/0): a compromise of the app is a root
// compromise of the container, one step from the host.
import type { Instruction } from 'dockerfile-ast';
import type { DraftFix } from '../../core/rule';
import { appendLines, insertLinesBefore } from '../../languages/dockerfile/edits';
import { osFamily, type DockerModel, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0];
  return name === 'root' || name === '0';
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
        if (!stage || stage.isScratch) return;
        const last = lastUser.get(stage);
        if (last && !isRoot(last.getArgumentsContent() ?? '')) return;
        // A final stage built on an earlier one inherits its USER.
        if (!last && stage.baseStage) {
          for (let base: Stage | undefined = stage.baseStage; base; base = base.baseStage) {
            const baseUser = lastUser.get(base);
            if (baseUser) {
              if (!isRoot(baseUser.getArgumentsContent() ?? '')) return;
              break;
            }
          }
        }
        const image = model.baseImageOf(stage);
        // Distroless ':nonroot' tags already run unprivileged.
        if (!last && image?.tag?.includes('nonroot')) return;
        const fixes: DraftFix[] = [];
        const start = stage.instructions.find((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
        const insertion = (lines: string[]) =>
          start ? insertLinesBefore(model, start, [...lines, '']) : appendLines(model, ['', ...lines]);
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
        context.report({
          start: span.start,
          end: span.end,
          message: last
            ? 'The final stage switches back to root. Run the app as an unprivileged USER.'
            : 'The final stage has no USER, so the container runs as root. Add an unprivileged USER before CMD.',
          fixes,
        });
      },
    };
  },
};
