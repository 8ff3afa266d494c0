// A server run in a container that is given the machine: `docker run` (or podman) with
// `--privileged`, the host's network or process namespace, `--cap-add ALL`/`SYS_ADMIN`, or a mount
// of `/`, the home folder, `~/.ssh`, `~/.aws` (and the other credential folders) or the Docker
// socket. A container is the usual answer to "I do not trust this server's code"; these flags
// undo it, and the server (or a prompt injection that steers it) reads keys or takes the host.
// Only the options before the image count: what follows the image is the container's command.
import { launchOf, type LaunchWord } from '../../languages/mcpconfig/launch';
import type { McpConfigRule } from '../../languages/mcpconfig/rule';

/** `docker run` options followed by a value (a value is never the image). */
const valued = new Set([
  '-a',
  '--attach',
  '--add-host',
  '--annotation',
  '--blkio-weight',
  '--cap-add',
  '--cap-drop',
  '--cgroup-parent',
  '--cgroupns',
  '--cidfile',
  '--cpu-period',
  '--cpu-quota',
  '--cpu-shares',
  '-c',
  '--cpus',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--device',
  '--device-cgroup-rule',
  '--dns',
  '--dns-option',
  '--dns-search',
  '--domainname',
  '--entrypoint',
  '-e',
  '--env',
  '--env-file',
  '--expose',
  '--gpus',
  '--group-add',
  '--health-cmd',
  '--health-interval',
  '--health-retries',
  '--health-start-period',
  '--health-timeout',
  '-h',
  '--hostname',
  '--ip',
  '--ip6',
  '--ipc',
  '--isolation',
  '-l',
  '--label',
  '--label-file',
  '--link',
  '--log-driver',
  '--log-opt',
  '--mac-address',
  '-m',
  '--memory',
  '--memory-reservation',
  '--memory-swap',
  '--mount',
  '--name',
  '--network',
  '--net',
  '--network-alias',
  '--pid',
  '--platform',
  '-p',
  '--publish',
  '--pull',
  '--restart',
  '--runtime',
  '--security-opt',
  '--shm-size',
  '--stop-signal',
  '--stop-timeout',
  '--storage-opt',
  '--sysctl',
  '--tmpfs',
  '--ulimit',
  '-u',
  '--user',
  '--userns',
  '--uts',
  '-v',
  '--volume',
  '--volume-driver',
  '--volumes-from',
  '-w',
  '--workdir',
]);

/** Home folders as a mount source writes them. */
const home = String.raw`(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{env:USERPROFILE\}|\$\{userHome\}|%USERPROFILE%|/root|/home/[^/:]+|/Users/[^/:]+|[A-Za-z]:[\\/]Users[\\/][^\\/:]+)`;
const credentialFolders = String.raw`(?:\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.azure|\.config/gcloud|\.netrc)`;
const sensitiveSource = new RegExp(
  String.raw`^(?:/|${home}[\\/]?|${home}[\\/]${credentialFolders}(?:[\\/].*)?|/(?:var/)?run/docker\.sock|//\./pipe/docker_engine)$`,
);

/** The source of a `-v SRC:DST[:opts]` (a Windows drive letter kept with it). */
function volumeSource(spec: string): string {
  const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
  const colon = spec.indexOf(':', drive);
  return colon < 0 ? spec : spec.slice(0, colon);
}

/** The source of a `--mount type=bind,source=…` (or `src=`). */
function mountSource(spec: string): string | undefined {
  const fields = spec.split(',');
  if (!fields.some((f) => /^type=bind$/i.test(f.trim()))) return undefined;
  for (const field of fields) {
    const m = /^\s*(?:source|src)=(.*)$/i.exec(field);
    if (m) return m[1].trim();
  }
  return undefined;
}

/** What a `docker run` option with its value gives the container of the host, if anything dangerous. */
function danger(flag: string, value: string | undefined): string | undefined {
  const v = value?.trim();
  switch (flag) {
    case '--privileged':
      return value === undefined || /^true$/i.test(v ?? '')
        ? 'runs privileged: every device and capability of the host'
        : undefined;
    case '--network':
    case '--net':
      return v === 'host' ? "shares the host's network: every service bound to localhost on this machine" : undefined;
    case '--pid':
      return v === 'host' ? "shares the host's processes" : undefined;
    case '--cap-add':
      return v && /^(?:cap_)?(?:all|sys_admin)$/i.test(v) ? `adds the ${v.toUpperCase()} capability` : undefined;
    case '-v':
    case '--volume': {
      const source = v === undefined ? undefined : volumeSource(v);
      return source !== undefined && sensitiveSource.test(source) ? `mounts ${source} from the host` : undefined;
    }
    case '--mount': {
      const source = v === undefined ? undefined : mountSource(v);
      return source !== undefined && sensitiveSource.test(source) ? `mounts ${source} from the host` : undefined;
    }
    default:
      return undefined;
  }
}

export const dockerPrivileged: McpConfigRule = {
  id: 'mcp/docker-privileged',
  language: 'mcp-config',
  meta: {
    title: 'MCP server container given the host',
    summary:
      '`docker run` servers with `--privileged`, host networking, `--cap-add ALL`, or mounts of `/`, the home folder, `~/.ssh`, `~/.aws` or the Docker socket',
    severity: 'error',
    guideSection: 'Container Security › Run as non-root user (beyond: MCP client configuration)',
    checklistItem: 'access-controls',
    description:
      "A server runs in a container with options that give it the host: --privileged, the host's network or processes, the ALL or SYS_ADMIN capability, or a mount of /, the home folder, a credential folder (~/.ssh, ~/.aws, ~/.kube) or the Docker socket. The container was the boundary between the server's code and your machine; with these, the server, or a prompt injection steering it, reads your keys or takes over the host.",
    remedy: 'Drop the option, and mount only the project folder the server needs (read-only where it can be).',
  },
  create(context) {
    return {
      server(server) {
        const launch = launchOf(server);
        if (!launch || (launch.program !== 'docker' && launch.program !== 'podman')) return;
        const run = launch.args.findIndex((w) => w.value === 'run');
        // `docker run`, `docker container run`; global options before it take no image.
        if (run < 0 || launch.args.slice(0, run).some((w) => !w.value.startsWith('-') && w.value !== 'container'))
          return;
        const words = launch.args.slice(run + 1);
        for (let i = 0; i < words.length; i++) {
          const word: LaunchWord = words[i];
          const text = word.value;
          if (!text.startsWith('-') || text === '-') break; // the image: the container's own command follows
          if (text === '--') break;
          const eq = text.indexOf('=');
          let flag = eq > 0 ? text.slice(0, eq) : text;
          let value = eq > 0 ? text.slice(eq + 1) : undefined;
          let at: LaunchWord = word;
          // `-v/:/host`, `-itv …`: short options glued together or to their value.
          if (!flag.startsWith('--') && flag.length > 2 && eq < 0) {
            const letter = flag[flag.length - 1];
            const glued = /^-[a-zA-Z]([^a-zA-Z].*)$/.exec(flag);
            if (glued && valued.has(flag.slice(0, 2))) {
              value = glued[1];
              flag = flag.slice(0, 2);
            } else flag = `-${letter}`;
          }
          if (value === undefined && valued.has(flag)) {
            const next = words[i + 1];
            if (!next) break;
            value = next.value;
            at = next;
            i++;
          }
          const what = danger(flag, value);
          if (what)
            context.report({
              start: at.token.start,
              end: at.token.end,
              message: `The ${server.name} server's container ${what} (${flag}${value !== undefined ? ` ${value}` : ''}): the container no longer keeps the server's code away from this machine.`,
            });
        }
      },
    };
  },
};
