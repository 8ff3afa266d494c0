// `npm install` in an image build ignores the lockfile's exact versions; dev dependencies in the
// final image add code (and vulnerabilities) that production never needs.
import type { Instruction } from 'dockerfile-ast';
import type { DockerRule } from '../../languages/dockerfile/rule';
import { shellMatches } from '../../languages/dockerfile/edits';

// Flags: `--?` then a letter, so each flag parses one way only (the former `-{1,2}[A-Za-z-]+` was exponential).
const npmInstall = /\bnpm\s+(install|i)\b((?:\s+--?[A-Za-z][A-Za-z-]*(?:=\S+)?)*)(?=\s*(?:$|&&|;|\|\||\n|\\))/;
const npmCi = /\bnpm\s+ci\b((?:\s+--?[A-Za-z][A-Za-z-]*(?:=\S+)?)*)/;
const droppedFlags = new Set(['--production', '--save-dev', '--save', '--no-save', '-D', '-S']);

export const npmInstallRule: DockerRule = {
  id: 'docker/npm-install',
  language: 'dockerfile',
  meta: {
    title: 'npm install instead of npm ci',
    summary: '`npm install` instead of `npm ci`, dev dependencies in the final stage',
    severity: 'info',
    guideSection: 'Code Security › Keep dependencies updated',
    checklistItem: 'dependencies-updated',
    description:
      'The image runs npm install, which may resolve different versions than the lockfile, or ships dev dependencies in the final stage. The image then contains code nobody reviewed in package-lock.json, and more of it than production needs.',
    remedy: 'Use npm ci (exact lockfile versions), with --omit=dev in the final stage.',
    fixable: true,
  },
  create(context) {
    const { model } = context;
    const final = model.finalStage;
    const productionEnv = (stage: typeof final): boolean =>
      stage !== undefined &&
      model
        .instructionsOf(stage, 'ENV')
        .some((env) => /\bNODE_ENV[= ]+["']?production/.test(env.getArgumentsContent() ?? ''));
    // The final stage's RUNs, checked for dev dependencies once its ENVs are known.
    const finalRuns: Instruction[] = [];
    return {
      RUN(instruction, stage) {
        const isFinal = stage === final && model.stages.length > 1;
        const replacement = isFinal ? 'npm ci --omit=dev' : 'npm ci';
        for (const { match, start, end } of shellMatches(model, [instruction], npmInstall)) {
          const flags = match[2] ?? '';
          if (flags.split(/\s+/).some((flag) => flag === '-g' || flag === '--global')) continue; // installing a tool globally, not the project
          const keptFlags = flags
            .split(/\s+/)
            .filter((flag) => flag !== '' && !droppedFlags.has(flag))
            .map((flag) => ' ' + flag)
            .join('');
          context.report({
            start,
            end,
            message: `npm ${match[1]} ignores the lockfile's exact versions. Use ${replacement}.`,
            fixes: [
              { title: `Use ${replacement}`, kind: 'fix', edits: [{ start, end, newText: replacement + keptFlags }] },
            ],
          });
        }
        if (isFinal) finalRuns.push(instruction);
      },
      end() {
        if (finalRuns.length === 0 || productionEnv(final)) return;
        for (const { match, start, end } of shellMatches(model, finalRuns, npmCi)) {
          if (
            (match[1] ?? '')
              .split(/\s+/)
              .some(
                (flag) =>
                  flag === '--omit=dev' ||
                  flag === '--only=prod' ||
                  flag === '--only=production' ||
                  flag === '--production',
              )
          )
            continue;
          context.report({
            start,
            end,
            message: 'The final stage installs dev dependencies. Use npm ci --omit=dev.',
            fixes: [
              { title: 'Use npm ci --omit=dev', kind: 'fix', edits: [{ start: end, end, newText: ' --omit=dev' }] },
            ],
          });
        }
      },
    };
  },
};
