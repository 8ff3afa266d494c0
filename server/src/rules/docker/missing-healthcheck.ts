// No HEALTHCHECK on an image that serves: the runtime cannot tell a hung server from a healthy
// one. Only images that are servers are judged: the final stage EXPOSEs a port or starts a known
// server (nginx, uvicorn, gunicorn, `java -jar`, a node `server.js`…). Build-only files, base
// images without a command of their own, CLI tools and stdio MCP servers have nothing to probe.
import type { Instruction } from 'dockerfile-ast';
import { shellWords, type DockerModel, type Stage } from '../../languages/dockerfile/model';
import type { DockerRule } from '../../languages/dockerfile/rule';

/** Programs that are long-running network servers. */
const serverPrograms = new Set([
  'nginx',
  'openresty',
  'httpd',
  'httpd-foreground',
  'apache2-foreground',
  'apache2ctl',
  'caddy',
  'traefik',
  'haproxy',
  'envoy',
  'uvicorn',
  'gunicorn',
  'hypercorn',
  'daphne',
  'granian',
  'waitress-serve',
  'uwsgi',
  'puma',
  'unicorn',
  'http-server',
  'redis-server',
  'postgres',
  'mysqld',
  'mariadbd',
  'mongod',
  'memcached',
  'rabbitmq-server',
  'nats-server',
  'grafana-server',
  'prometheus',
  'catalina.sh',
]);
/** Python modules run with `python -m` that serve. */
const serverModules = new Set(['uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'http.server', 'granian', 'waitress']);
/** Words that only start the real command: init shims, `exec`, `env`, `--`. */
const wrappers = new Set(['tini', 'dumb-init', 'exec', 'env', '--', 'catatonit', 'su-exec', 'gosu']);

const base = (word: string): string => word.replace(/^.*\//, '');

/** The command as run: init shims and `sh -c "…"` unwrapped, variable assignments dropped. */
function commandOf(words: readonly string[]): string[] {
  let rest = [...words];
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    const program = base(rest[0]);
    if (/^(?:sh|bash|ash|dash)$/.test(program) && rest[1] === '-c' && rest[2] !== undefined) {
      rest = shellWords(rest[2]);
    } else if (wrappers.has(program) || /^[A-Za-z_]\w*=/.test(rest[0]) || /^-[a-z]$/.test(rest[0])) {
      // gosu/su-exec take the user first.
      rest = rest.slice(program === 'gosu' || program === 'su-exec' ? 2 : 1);
    } else break;
  }
  return rest;
}

/** The server the command starts, if it is one this rule knows. */
export function knownServer(words: readonly string[]): string | undefined {
  const command = commandOf(words);
  const program = base(command[0] ?? '');
  if (!program) return undefined;
  if (serverPrograms.has(program) || program.startsWith('php-fpm')) return program;
  if (/^python[\d.]*$/.test(program)) {
    const m = command.indexOf('-m');
    const module = m >= 0 ? command[m + 1] : undefined;
    if (module && serverModules.has(module)) return module;
    if (module === 'flask' && command[m + 2] === 'run') return 'flask run';
    if (module === 'streamlit' && command[m + 2] === 'run') return 'streamlit';
    if (command.some((w) => base(w) === 'manage.py') && command.includes('runserver')) return 'manage.py runserver';
    const script = command.find((w, i) => i > 0 && /\.py$/.test(w));
    if (script && /server/i.test(base(script))) return `python ${script}`;
    return undefined;
  }
  if (program === 'flask' && command[1] === 'run') return 'flask run';
  if (program === 'streamlit' && command[1] === 'run') return 'streamlit';
  if ((program === 'rails' || program === 'bin/rails') && ['server', 's'].includes(command[1] ?? ''))
    return 'rails server';
  if (['next', 'nuxt', 'nuxi'].includes(program) && command[1] === 'start') return `${program} start`;
  if (program === 'java' && command.includes('-jar')) return 'java -jar';
  if (['node', 'bun', 'deno', 'nodejs'].includes(program)) {
    const script = command.find((w, i) => i > 0 && /\.[cm]?[jt]s$/.test(w));
    return script && /server/i.test(base(script)) ? `${program} ${script}` : undefined;
  }
  // A script run directly (distroless node images take `CMD ["/app/server.js"]`).
  if (/\.[cm]?js$/.test(program) && /server/i.test(program)) return program;
  return undefined;
}

/** Whether the command runs an MCP (or other) server over stdio: there is no port to probe. */
function isStdio(words: readonly string[]): boolean {
  return words.some(
    (w, i) =>
      w === 'stdio' ||
      w === '--stdio' ||
      /^--transport=stdio$/.test(w) ||
      (w === '--transport' && words[i + 1] === 'stdio'),
  );
}

function exposed(model: DockerModel, stage: Stage): Instruction | undefined {
  let found: Instruction | undefined;
  for (const s of model.chainOf(stage)) for (const i of s.instructions) if (i.getKeyword() === 'EXPOSE') found = i;
  return found;
}

export const missingHealthcheck: DockerRule = {
  id: 'docker/missing-healthcheck',
  language: 'dockerfile',
  meta: {
    title: 'No HEALTHCHECK',
    summary: 'a server image (final stage with `EXPOSE` or a known server command) without `HEALTHCHECK`',
    severity: 'info',
    guideSection: 'Security Monitoring (beyond the guide: availability)',
    description:
      'The final stage exposes a port or starts a server, and has no HEALTHCHECK. Docker and orchestrators then treat a hung or crashed-but-running server as healthy and keep sending it traffic.',
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
        // A HEALTHCHECK (or HEALTHCHECK NONE, a deliberate choice) in the stage or one it builds on.
        if (model.chainOf(stage).some((s) => checked.has(s))) return;
        const { entrypoint, cmd } = model.execution(stage);
        const words = [...(entrypoint ? model.commandWords(entrypoint) : []), ...(cmd ? model.commandWords(cmd) : [])];
        if (isStdio(words.flatMap((w) => (/\s/.test(w) ? shellWords(w) : [w])))) return;
        const port = exposed(model, stage);
        const server = knownServer(words);
        if (!port && !server) return;
        const what = port
          ? `exposes ${(port.getArgumentsContent() ?? '').trim().split(/\s+/).length > 1 ? 'ports' : 'port'} ${(port.getArgumentsContent() ?? '').trim()}`
          : `runs ${server}`;
        context.report({
          start: stage.fromSpan.start,
          end: stage.fromSpan.end,
          message: `The final image ${what} but has no HEALTHCHECK. Add one so the runtime can detect a hung server.`,
        });
      },
    };
  },
};
