// $uri and $document_uri are decoded: %0d%0a becomes a real line break, which splits the header,
// the redirect or the proxied request nginx writes into two (CRLF injection). So do regex captures
// of the path whose pattern can match a line break (`[^/]+`, `\s`, `(?s).`), and variables set
// or mapped from either.
import type { NginxArgument, NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';
import { NginxVariables, urlPathStart, type VariablePiece } from '../../languages/nginx/variables';

const decoded = /\$(?:\{(?:uri|document_uri)\}|(?:uri|document_uri))(?![A-Za-z0-9_])/;
/** `$uri` with the query nginx would otherwise drop, as a hand-written `$request_uri`. */
const decodedWithArgs =
  /\$(?:\{(?:uri|document_uri)\}|(?:uri|document_uri))(?:\$\{?is_args\}?\$\{?(?:args|query_string)\}?|\?\$\{?(?:args|query_string)\}?)(?![A-Za-z0-9_])/g;

/** The arguments of a directive that nginx writes into a header, redirect or request line. */
function sinkArguments(directive: NginxDirective): NginxArgument[] {
  const args = directive.args;
  switch (directive.name) {
    case 'add_header':
    case 'proxy_set_header':
      return args.slice(1, 2);
    case 'proxy_pass':
      return args.slice(0, 1);
    case 'return': {
      // `return 301 URL` and `return URL` redirect; `return 200 text` is a body, not a header.
      const [code, url] = args;
      if (code && url && /^30[12378]$/.test(code.value)) return [url];
      if (code && !url && /^(?:https?:\/\/|\$scheme)/i.test(code.value)) return [code];
      return [];
    }
    case 'rewrite': {
      // Only a redirect puts the replacement in a header; otherwise it is the new internal URI.
      const [, replacement, flag] = args;
      if (!replacement) return [];
      const redirect =
        /^(?:https?:\/\/|\$scheme)/i.test(replacement.value) ||
        flag?.value === 'redirect' ||
        flag?.value === 'permanent';
      return redirect ? [replacement] : [];
    }
    case 'more_set_headers':
    case 'more_set_input_headers': {
      const out: NginxArgument[] = [];
      for (let i = 0; i < args.length; i++) {
        if (/^-[st]$/.test(args[i].value)) i++;
        else out.push(args[i]);
      }
      return out;
    }
    default:
      return [];
  }
}

/**
 * A rewrite appends the request's arguments unless its replacement ends with `?`; $request_uri
 * already carries them, so the rewritten replacement gets the `?`.
 */
function withoutAddedArgs(directive: NginxDirective, arg: NginxArgument, text: string): string {
  if (directive.name !== 'rewrite' || arg.value.endsWith('?')) return text;
  return arg.quoted ? `${text.slice(0, -1)}?${text.slice(-1)}` : `${text}?`;
}

function canBreakLine(piece: VariablePiece, directive: NginxDirective): boolean {
  if (!piece.traits.user || !piece.traits.chars.has('\n')) return false;
  // A rewrite that redirects escapes the captures of its own regex when the request URI was
  // escaped (the only way a line break gets in); named captures are read as variables and
  // pass through a set unescaped, but gixy and nginx's tests treat them alike: stay quiet.
  if (directive.name === 'rewrite' && piece.via.length === 0 && piece.capture?.directive === directive) return false;
  return true;
}

export const httpSplitting: NginxRule = {
  id: 'nginx/http-splitting',
  language: 'nginx',
  meta: {
    title: 'Decoded URI in a header or redirect',
    summary: 'decoded `$uri` or a line-break-capable capture in headers, redirects or `proxy_pass` (CRLF injection)',
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs (beyond the guide)',
    checklistItem: 'input-validation',
    description:
      '$uri and $document_uri hold the decoded path: an encoded line break (%0d%0a) in the request becomes a real one. So can a regex capture of the path whose pattern matches a line break ([^/]+, \\s, (?s).). Used in add_header, return, a redirecting rewrite, proxy_set_header or proxy_pass, it lets a client inject headers into the response or the proxied request (HTTP response splitting).',
    remedy:
      'Use $request_uri, which keeps the request exactly as sent (still encoded), or a capture pattern that cannot match a line break ([^/\\r\\n]+, .*).',
    hasSuggestions: true,
  },
  create(context) {
    let variables: NginxVariables | undefined;
    const visit = (directive: NginxDirective): void => {
      if (directive.isEntry) return;
      for (const arg of sinkArguments(directive)) {
        if (!arg.value.includes('$')) continue;
        variables ??= new NginxVariables(context.config, (offset) => context.lines.positionAt(offset).line);
        let culprit: VariablePiece | undefined;
        for (const alternative of variables.values(arg.value, directive)) {
          // A line break in proxy_pass's host only breaks the name lookup (nginx/ssrf judges
          // who chooses the host); in the path it goes into the request line.
          const pieces = directive.name === 'proxy_pass' ? alternative.slice(urlPathStart(alternative)) : alternative;
          culprit = pieces.find((p): p is VariablePiece => p.kind === 'variable' && canBreakLine(p, directive));
          if (culprit) break;
        }
        if (!culprit) continue;
        const where =
          directive.name === 'return' || directive.name === 'rewrite'
            ? 'the redirect'
            : directive.name === 'proxy_pass'
              ? 'the proxied request'
              : 'the header';
        const direct = culprit.via.length === 0 && /^\$(?:uri|document_uri)$/.test(culprit.name);
        // A redirect to this very site built from $uri normalizes the path (merged slashes, a
        // trailing slash): with $request_uri it would redirect to itself forever.
        const selfRedirect =
          (directive.name === 'return' || directive.name === 'rewrite') &&
          /^(?:\$\{?scheme\}?:\/\/\$\{?(?:host|http_host|server_name)\}?(?![A-Za-z0-9_])|\/)/.test(arg.value);
        const message = direct
          ? `${directive.name} uses ${culprit.written}, the decoded path: an encoded line break (%0A) becomes a real one and splits ${where}. Use $request_uri.`
          : `${directive.name} uses ${variables.describe(culprit)}, which can hold a line break (%0A is decoded), so a client can split ${where}. Use $request_uri or a pattern that excludes \\r and \\n.`;
        context.report({
          start: arg.start,
          end: arg.end,
          message,
          ...(direct && !selfRedirect && decoded.test(arg.raw)
            ? {
                fixes: [
                  {
                    title: 'Use $request_uri',
                    kind: 'suggestion' as const,
                    edits: [
                      {
                        start: arg.start,
                        end: arg.end,
                        newText: withoutAddedArgs(
                          directive,
                          arg,
                          arg.raw
                            .replace(decodedWithArgs, '$$request_uri')
                            .replace(new RegExp(decoded.source, 'g'), '$$request_uri'),
                        ),
                      },
                    ],
                  },
                ],
              }
            : {}),
        });
      }
    };
    return {
      directives: {
        add_header: visit,
        return: visit,
        rewrite: visit,
        proxy_set_header: visit,
        proxy_pass: visit,
        more_set_headers: visit,
        more_set_input_headers: visit,
      },
    };
  },
};
