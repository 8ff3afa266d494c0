// `add_header Content-Type …` adds a second Content-Type beside the one nginx (or the upstream)
// already sends; clients then pick either, and X-Content-Type-Options: nosniff judges the wrong one.
import { childNamed, children } from '../../languages/nginx/model';
import type { NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

const passes = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass']);
const hideHeader = [
  'proxy_hide_header',
  'fastcgi_hide_header',
  'uwsgi_hide_header',
  'scgi_hide_header',
  'grpc_hide_header',
];

export const addHeaderContentType: NginxRule = {
  id: 'nginx/add-header-content-type',
  language: 'nginx',
  meta: {
    title: '`add_header Content-Type`',
    summary:
      '`add_header Content-Type`, which sends a second Content-Type instead of setting it; use `default_type`/`types`',
    severity: 'info',
    guideSection: 'Network Security › Use a Reverse Proxy (security headers)',
    checklistItem: 'security-headers',
    description:
      'add_header adds a header; it does not replace the Content-Type nginx sets from types and default_type, or the one the upstream sends. The response then carries two Content-Type headers, and browsers and caches may use either, which defeats X-Content-Type-Options: nosniff and can make a response render as HTML.',
    remedy:
      'Set the type with default_type (and an empty types { } block to override the file extension), or hide the upstream\u2019s header first with proxy_hide_header Content-Type.',
    hasSuggestions: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        add_header(directive) {
          if (directive.isEntry || directive.foreign) return;
          if ((directive.args[0]?.value ?? '').toLowerCase() !== 'content-type' || !directive.args[1]) return;
          // The upstream's Content-Type hidden here or above: add_header then sends the only one.
          for (let b: NginxDirective | undefined = directive.parent; ; b = b.parent) {
            const hidden = hideHeader.some((name) =>
              childNamed(b, config, name).some((d) => d.args[0]?.value.toLowerCase() === 'content-type'),
            );
            if (hidden) return;
            if (!b) break;
          }
          const value = directive.args[1];
          const block = directive.parent;
          const own = children(block, config);
          // A block answering with `return code text`: default_type is the whole fix. One serving
          // files needs an empty types block too, or the extension still decides.
          const answers = own.some((d) => d.name === 'return' && d.args.length >= 2 && /^\d+$/.test(d.args[0].value));
          const proxied = own.find((d) => passes.has(d.name) && !d.isEntry);
          const text = config.text;
          const lineStart = text.lastIndexOf('\n', directive.nameStart - 1) + 1;
          const indentation = /^[ \t]*/.exec(text.slice(lineStart, directive.nameStart))?.[0] ?? '';
          const eol = /\r\n/.test(text) ? '\r\n' : '\n';
          const replacement = answers ? `default_type ${value.raw};` : `types { } default_type ${value.raw};`;
          context.report({
            start: directive.nameStart,
            end: directive.end,
            message: `add_header Content-Type sends a second Content-Type beside the one ${proxied ? 'the upstream sends' : 'nginx sets from types and default_type'}, and clients may use either. ${proxied ? 'Hide the upstream\u2019s first with proxy_hide_header Content-Type, or use default_type.' : `Use ${answers ? 'default_type' : 'default_type (with an empty types block)'} instead.`}`,
            fixes: [
              proxied
                ? {
                    title: `Hide the upstream\u2019s Content-Type first (${proxied.name.replace(/_pass$/, '_hide_header')} Content-Type)`,
                    kind: 'suggestion',
                    edits: [
                      {
                        start: directive.nameStart,
                        end: directive.nameStart,
                        newText: `${proxied.name.replace(/_pass$/, '_hide_header')} Content-Type;${eol}${indentation}`,
                      },
                    ],
                  }
                : {
                    title: `Replace with ${replacement}`,
                    kind: 'suggestion',
                    edits: [{ start: directive.nameStart, end: directive.end, newText: replacement }],
                  },
            ],
          });
        },
      },
    };
  },
};
