// proxy_pass without forwarding Host and the client address: the app sees nginx's host and
// address, so its own checks (allowed hosts, rate limits, logs) see the wrong values.
import { effectiveKnown, insertIntoBlock } from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const missingProxyHeaders: NginxRule = {
  id: 'nginx/missing-proxy-headers',
  language: 'nginx',
  meta: {
    title: 'proxy_pass without forwarding headers',
    summary: '`proxy_pass` without `Host` and `X-Real-IP`/`X-Forwarded-For`',
    severity: 'info',
    guideSection: 'Network Security › Use a Reverse Proxy',
    checklistItem: 'https',
    description:
      'A proxy_pass location does not set Host and X-Real-IP (or X-Forwarded-For) for the app, as the guide\u2019s reverse-proxy example does. The app then sees the proxy\u2019s host and address: host allow-lists, per-client rate limits and audit logs use the wrong values.',
    remedy: 'proxy_set_header Host $host; and proxy_set_header X-Real-IP $remote_addr; (the guide\u2019s two lines).',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        proxy_pass(pass) {
          if (pass.isEntry || !pass.parent || pass.parent.name === 'server') return;
          const location = pass.parent;
          // An include that could not be read, here or above, may set the headers: stay quiet.
          const { directives, unknown } = effectiveKnown(location, config, 'proxy_set_header');
          if (unknown) return;
          const names = directives.map((d) => (d.args[0]?.value ?? '').toLowerCase());
          const lines: string[] = [];
          if (!names.includes('host')) lines.push('proxy_set_header Host $host;');
          if (!names.includes('x-real-ip') && !names.includes('x-forwarded-for'))
            lines.push('proxy_set_header X-Real-IP $remote_addr;');
          if (lines.length === 0) return;
          // Headers set at an outer level stop applying once the location sets any: add every missing one here.
          const edit = insertIntoBlock(config, location, lines, ['proxy_pass', 'proxy_set_header']);
          context.report({
            start: pass.nameStart,
            end: pass.end,
            message: `proxy_pass does not forward ${lines.map((l) => l.split(' ')[1]).join(' or ')} to the app. Add the guide's proxy_set_header lines.`,
            fixes: edit ? [{ title: 'Forward Host and the client address', kind: 'fix', edits: [edit] }] : [],
          });
        },
      },
    };
  },
};
