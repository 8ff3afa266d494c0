// proxy_pass to an address built from request data: the client chooses where nginx connects.
// The value is followed through `set`, `map` and regex captures (languages/nginx/variables.ts).
import type { NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';
import { isInternalLocation, NginxVariables, type Piece, type VariablePiece } from '../../languages/nginx/variables';

/**
 * The piece of a proxy_pass URL that lets a client choose the host: request data in the scheme
 * or host part that can hold more than one host label (a dot) or a whole URL.
 */
function hostChooser(pieces: readonly Piece[]): VariablePiece | undefined {
  let phase: 'start' | 'scheme' | 'host' = 'start';
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      if (piece.text === '') continue;
      if (phase === 'host') {
        if (/[/?#]/.test(piece.text)) return undefined;
        continue;
      }
      const scheme = piece.text.indexOf('://');
      if (scheme < 0) {
        // `unix:/path` has no host; anything else before `://` is still the scheme.
        if (phase === 'start' && /^unix:/i.test(piece.text)) return undefined;
        phase = 'scheme';
        continue;
      }
      phase = 'host';
      if (/[/?#]/.test(piece.text.slice(scheme + 3))) return undefined;
      continue;
    }
    const { traits } = piece;
    if (phase === 'host') {
      if (traits.startsPath) return undefined;
      if (traits.user && traits.chars.has('.')) return piece;
      continue;
    }
    // Before `://`: a variable that can hold `:` or `/` can be the whole URL (`$arg_url`).
    if (traits.user && (traits.chars.has(':') || traits.chars.has('/'))) return piece;
    phase = 'scheme';
  }
  return undefined;
}

function enclosingLocation(directive: NginxDirective): NginxDirective | undefined {
  for (let p = directive.parent; p; p = p.parent) if (p.name === 'location') return p;
  return undefined;
}

export const ssrf: NginxRule = {
  id: 'nginx/ssrf',
  language: 'nginx',
  meta: {
    title: 'proxy_pass target from request data',
    summary: '`proxy_pass` to a host taken from request data (through `set`, `map` and regex captures)',
    severity: 'warning',
    guideSection: 'Input Validation › Validate URLs (beyond the guide)',
    checklistItem: 'input-validation',
    description:
      'The host part of a proxy_pass URL comes from request data ($arg_*, $http_*, $cookie_*, regex captures of the URI), directly or through set, map or a capture. A client can then make nginx connect to internal services or cloud metadata endpoints (server-side request forgery).',
    remedy: 'Proxy to fixed upstreams; map allowed values to upstreams with a map block.',
  },
  create(context) {
    let variables: NginxVariables | undefined;
    return {
      directives: {
        proxy_pass(directive) {
          if (directive.isEntry) return;
          const target = directive.args[0];
          if (!target || !target.value.includes('$')) return;
          const location = enclosingLocation(directive);
          // Only internal redirects reach an internal location: no client chooses its request.
          if (location && isInternalLocation(location)) return;
          variables ??= new NginxVariables(context.config, (offset) => context.lines.positionAt(offset).line);
          for (const alternative of variables.values(target.value, directive)) {
            const chooser = hostChooser(alternative);
            if (!chooser) continue;
            context.report({
              start: target.start,
              end: target.end,
              message: `The proxy_pass host comes from ${variables.describe(chooser)}, so a client chooses where nginx connects. Proxy to fixed upstreams (a map of allowed values).`,
            });
            return;
          }
        },
      },
    };
  },
};
