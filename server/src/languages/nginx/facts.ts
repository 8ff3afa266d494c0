// Facts an nginx configuration contributes to workspace analysis: TLS servers and the app ports
// they proxy to, request rate limits, security headers. Workspace analysis uses them to clear
// app-level findings (plain HTTP on a port nginx terminates TLS for, no limiter in the app).
// The files each include names tell it which files make one configuration (nginx facts decide
// for the files of their own configuration only); includes that could not be read are facts too,
// for the editor to explain.
import type { DraftFact } from '../../core/language';
import { FACT } from '../../core/facts';
import { descendantsNamed, headerNames, httpServers, includeResolution, isTlsServer } from './model';
import { allDirectives, effectiveDirectives, type NginxConfig, type NginxDirective } from './parser';

/** Fact names of nginx's own, for workspace analysis and the editor. */
export const NGINX_FACT = {
  /**
   * An include of this file (value: the project paths or patterns it may name, one a line, the
   * likeliest first): workspace analysis links the files of one configuration with them.
   */
  include: 'nginx-include',
  /** An include that could not be read (value: its target, then the project paths tried, one a line). */
  unreadInclude: 'nginx-unread-include',
} as const;

/** Headers whose presence means nginx, not the app, sets the security headers helmet would. */
const securityHeaders = new Set(['content-security-policy', 'x-content-type-options']);

export function nginxFacts(config: NginxConfig): DraftFact[] {
  const facts: DraftFact[] = [];
  const at = (d: NginxDirective): { start: number; end: number } => ({ start: d.nameStart, end: d.nameEnd });
  const upstreams = upstreamPorts(config);
  for (const server of httpServers(config)) {
    if (!isTlsServer(server, config)) continue;
    facts.push({ name: FACT.tlsServer, value: true, ...at(server) });
    for (const proxy of descendantsNamed(server, 'proxy_pass')) {
      for (const port of proxiedPorts(proxy.args[0]?.value ?? '', upstreams))
        facts.push({ name: FACT.tlsProxyPort, value: port, ...at(proxy) });
    }
  }
  const own = [...effectiveDirectives(config.directives)].filter((d) => !d.isEntry && !d.foreign);
  const limit = own.find((d) => d.name === 'limit_req');
  if (limit) facts.push({ name: FACT.rateLimit, value: 'nginx limit_req', ...at(limit) });
  const header = own.find((d) => d.name === 'add_header' && securityHeaders.has(headerNames([d])[0]));
  if (header)
    facts.push({ name: FACT.securityHeaders, value: `nginx add_header ${header.args[0]?.value ?? ''}`, ...at(header) });
  for (const include of effectiveDirectives(config.directives)) {
    if (include.name !== 'include' || include.isEntry) continue;
    // The includer's directives (spliced in at the file's start) are its own file's facts.
    if (include.foreign && include.end === 0) continue;
    const resolution = includeResolution(include);
    const target = include.args[0]?.value ?? '';
    if (!include.foreign && resolution.status === 'read' && resolution.file)
      facts.push({ name: NGINX_FACT.include, value: resolution.file, ...at(include) });
    else if (!include.foreign && resolution.status === 'glob' && resolution.tried.length > 0)
      facts.push({ name: NGINX_FACT.include, value: resolution.tried.join('\n'), ...at(include) });
    else if (resolution.status === 'unread')
      facts.push({
        name: NGINX_FACT.unreadInclude,
        // The target as written (marked when an included file names it), then the paths tried.
        value: [include.foreign ? `${target} (included by the included file)` : target, ...resolution.tried].join('\n'),
        // The whole directive, so that a hover over its path finds it.
        start: include.start,
        end: include.end,
      });
  }
  return facts;
}

/** Ports of the servers in each `upstream` block, by upstream name. */
function upstreamPorts(config: NginxConfig): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const upstream of allDirectives(config.directives)) {
    if (upstream.name !== 'upstream' || !upstream.block) continue;
    const ports = upstream.block.children
      .filter((d) => d.name === 'server')
      .map((d) => portOf(d.args[0]?.value ?? '', 80))
      .filter((p): p is number => p !== undefined);
    result.set(upstream.args[0]?.value ?? '', ports);
  }
  return result;
}

/** The app ports a `proxy_pass` URL reaches: its explicit port, or the ports of the upstream it names. */
function proxiedPorts(url: string, upstreams: ReadonlyMap<string, number[]>): number[] {
  const match = /^(https?):\/\/([^/]+)/i.exec(url);
  if (!match) return [];
  const hostPort = match[2];
  if (!/:\d+$/.test(hostPort) && upstreams.has(hostPort)) return upstreams.get(hostPort)!;
  const port = portOf(hostPort, match[1].toLowerCase() === 'https' ? 443 : 80);
  return port === undefined ? [] : [port];
}

function portOf(hostPort: string, fallback: number): number | undefined {
  if (hostPort.startsWith('unix:') || hostPort.includes('$')) return undefined;
  const port = /:(\d+)$/.exec(hostPort)?.[1];
  return port ? Number(port) : fallback;
}
