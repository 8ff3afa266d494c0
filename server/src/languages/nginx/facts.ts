// Facts an nginx configuration contributes to workspace analysis: TLS servers and the app ports
// they proxy to, request rate limits, security headers. Workspace analysis uses them to clear
// app-level findings (plain HTTP on a port nginx terminates TLS for, no limiter in the app).
import type { DraftFact } from '../../core/language';
import { FACT } from '../../core/facts';
import { descendantsNamed, headerNames, httpServers, isTlsServer } from './model';
import { allDirectives, effectiveDirectives, type NginxConfig, type NginxDirective } from './parser';

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
