// proxy_pass to an address built from request data: the client chooses where nginx connects.
import type { NginxRule } from '../../languages/nginx/rule';

// Variables a client sets. $request_uri and $uri always start with '/', so after a host they are a path.
const userControlled = /\$(?:\{?(?:arg_|http_|cookie_)\w*\}?|\{?[1-9]\}?)/;

export const ssrf: NginxRule = {
  id: 'nginx/ssrf',
  language: 'nginx',
  meta: {
    title: 'proxy_pass target from request data',
    summary: '`proxy_pass` to a host taken from request data',
    severity: 'warning',
    guideSection: 'Input Validation › Validate URLs (beyond the guide)',
    checklistItem: 'input-validation',
    description:
      'The host part of a proxy_pass URL comes from request data ($arg_*, $http_*, $cookie_*, regex captures of the URI). A client can then make nginx connect to internal services or cloud metadata endpoints (server-side request forgery).',
    remedy: 'Proxy to fixed upstreams; map allowed values to upstreams with a map block.',
  },
  create(context) {
    return {
      directives: {
        proxy_pass(directive) {
          if (directive.isEntry) return;
          const target = directive.args[0];
          if (!target) return;
          // Only the scheme://host[:port] part decides where nginx connects.
          const authority = /^(?:[a-z]+:\/\/)?([^/]*)/i.exec(target.value)?.[1] ?? '';
          const whole = authority === '' ? target.value : authority;
          if (!userControlled.test(whole)) return;
          context.report({
            start: target.start,
            end: target.end,
            message:
              'The proxy_pass target comes from request data, so clients choose where nginx connects. Proxy to fixed upstreams.',
          });
        },
      },
    };
  },
};
