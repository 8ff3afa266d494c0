// A public DNS server as nginx's `resolver` where nginx resolves names while serving (a proxy_pass
// with variables): off-path DNS replies can be spoofed, and a poisoned answer sends requests, with
// their cookies and tokens, to an attacker's server.
import { effectiveDirectives, type NginxArgument, type NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

/** Hostnames of well-known public resolvers. */
const publicResolverNames = new Set([
  'dns.google',
  'dns.google.com',
  'one.one.one.one',
  'cloudflare-dns.com',
  'dns.quad9.net',
  'resolver1.opendns.com',
  'resolver2.opendns.com',
  'dns.adguard.com',
  'dns.nextdns.io',
]);

/** The address of a nameserver argument (`8.8.8.8`, `8.8.8.8:53`, `[2001:4860:4860::8888]:53`). */
function host(value: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return bracketed[1].toLowerCase();
  if (/^[\d.]+:\d+$/.test(value) || /^[^:]+:\d+$/.test(value)) return value.replace(/:\d+$/, '').toLowerCase();
  return value.toLowerCase();
}

function isPublicIpv4(address: string): boolean | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  const [a, b] = parts;
  const internal =
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) || // link-local: the AWS VPC resolver is 169.254.169.253
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT, Tailscale's 100.100.100.100
    a >= 224;
  return !internal;
}

/** Whether a nameserver is reached over the internet: a public address or a public resolver's name. */
export function isPublicNameserver(value: string): boolean {
  if (value.includes('$')) return false;
  const name = host(value);
  const v4 = isPublicIpv4(name);
  if (v4 !== undefined) return v4;
  if (name.includes(':')) {
    // IPv6: loopback, unique-local (fc00::/7), link-local and v4-mapped private addresses are internal.
    if (name === '::1' || /^f[cd]/.test(name) || /^fe[89ab]/.test(name)) return false;
    const mapped = /^::ffff:([\d.]+)$/.exec(name)?.[1];
    if (mapped) return isPublicIpv4(mapped) === true;
    return /^[0-9a-f:]+$/.test(name) && name !== '::';
  }
  // Names: only known public resolvers. A name of one's own (`kube-dns.kube-system.svc.cluster.local`,
  // `consul`, `dns.corp.example`) may well point inside the network.
  return publicResolverNames.has(name.replace(/\.$/, ''));
}

const passDirectives = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass']);

/**
 * A pass nginx resolves while serving: one with variables whose host is not an upstream of the
 * file or an address (nginx looks a variable URL's host up among upstreams first, then with the
 * resolver); or an upstream `server … resolve`.
 */
function resolvesAtRuntime(directive: NginxDirective, upstreams: ReadonlySet<string>): NginxArgument | undefined {
  if (directive.isEntry) return undefined;
  if (directive.name === 'server' && directive.parent?.name === 'upstream' && !directive.block) {
    return directive.args.some((a) => a.value === 'resolve') ? directive.args[0] : undefined;
  }
  if (!passDirectives.has(directive.name)) return undefined;
  const target = directive.args[0];
  if (!target || !target.value.includes('$')) return undefined;
  const authority = /^(?:[a-z0-9+.-]+:\/\/)?([^/?]*)/i.exec(target.value)?.[1] ?? '';
  const literalHost = /^([^$:]*)(?::\d+)?(?:\$|$)/.exec(authority);
  if (literalHost && !authority.startsWith('$')) {
    const name = literalHost[1].replace(/^\[|\]$/g, '');
    // A literal host before the variables: an upstream, an address, or a unix socket resolve nothing.
    if (upstreams.has(name) || /^[\d.]+$/.test(name) || name.includes(':') || name.startsWith('unix')) return undefined;
  }
  return target;
}

export const externalResolver: NginxRule = {
  id: 'nginx/external-resolver',
  language: 'nginx',
  meta: {
    title: 'Public DNS server as resolver',
    summary: 'a public `resolver` (8.8.8.8, 1.1.1.1…) for a `proxy_pass` nginx resolves while serving (DNS spoofing)',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy (beyond the guide)',
    description:
      'nginx resolves the host of a proxy_pass with variables (and of an upstream server … resolve) at request time with the resolver directive. A public DNS server is reached over the internet by UDP, where replies can be spoofed: a poisoned answer makes nginx send requests, with their cookies and tokens, to a server of the attacker\u2019s choosing.',
    remedy:
      'Point resolver at a DNS server inside the network: 127.0.0.1 (a local cache), 127.0.0.11 in Docker, the cluster DNS in Kubernetes.',
  },
  create(context) {
    const { config } = context;
    const resolvers: NginxDirective[] = [];
    return {
      directives: {
        resolver(directive) {
          if (!directive.isEntry && !directive.foreign) resolvers.push(directive);
        },
      },
      end() {
        if (resolvers.length === 0) return;
        const all = [...effectiveDirectives(config.directives)];
        const upstreams = new Set(
          all.filter((d) => d.name === 'upstream' && d.block).map((d) => d.args[0]?.value ?? ''),
        );
        for (const resolver of resolvers) {
          // `local=on` (OpenResty) reads /etc/resolv.conf.
          const servers = resolver.args.filter((a) => !a.value.includes('='));
          const publicServer = servers.find((a) => isPublicNameserver(a.value));
          if (!publicServer) continue;
          // Where the resolver applies: its block and the blocks inside (the whole file at a fragment's top).
          const scope =
            resolver.parent && !resolver.parent.virtual
              ? [...effectiveDirectives(resolver.parent.block?.children ?? [])]
              : all;
          const use = scope.map((d) => resolvesAtRuntime(d, upstreams)).find((a) => a !== undefined);
          if (!use) continue;
          context.report({
            start: publicServer.start,
            end: publicServer.end,
            message: `resolver ${publicServer.value} is a public DNS server, and nginx resolves '${use.value}' with it while serving: a spoofed DNS reply can send these requests to an attacker\u2019s server. Use a resolver inside the network (127.0.0.1, 127.0.0.11 in Docker, the cluster DNS).`,
          });
        }
      },
    };
  },
};
