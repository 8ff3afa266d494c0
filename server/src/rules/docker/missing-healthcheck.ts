// No HEALTHCHECK: the runtime cannot tell a hung server from a healthy one.
import type { Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

export const missingHealthcheck: DockerRule = {
  id: 'docker/missing-healthcheck',
  language: 'dockerfile',
  meta: {
    title: 'No HEALTHCHECK',
    summary: 'final stage without `HEALTHCHECK`',
    severity: 'info',
    guideSection: 'Security Monitoring (beyond the guide: availability)',
    description:
      'The final stage has no HEALTHCHECK. Docker and orchestrators then treat a hung or crashed-but-running server as healthy and keep sending it traffic.',
    remedy:
      'Add a HEALTHCHECK that calls the server (for example a /health endpoint), or set one in your orchestrator.',
  },
  create(context) {
    const { model } = context;
    const checked = new Set<Stage>();
    return {
      HEALTHCHECK(_healthcheck, stage) {
        checked.add(stage);
      },
      end() {
        const stage = model.finalStage;
        if (!stage) return;
        for (let s: typeof stage | undefined = stage; s; s = s.baseStage) {
          if (checked.has(s)) return;
        }
        context.report({
          start: stage.fromSpan.start,
          end: stage.fromSpan.end,
          message: 'The final image has no HEALTHCHECK. Add one so the runtime can detect a hung server.',
        });
      },
    };
  },
};
