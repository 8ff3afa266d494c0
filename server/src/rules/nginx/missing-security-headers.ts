// No X-Content-Type-Options and no framing protection: MIME sniffing and clickjacking.
import {
  effectiveKnown,
  headerNames,
  insertIntoBlock,
  isHttpServer,
  isPublic,
  servesContent,
} from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const missingSecurityHeaders: NginxRule = {
  id: 'nginx/missing-security-headers',
  language: 'nginx',
  meta: {
    title: 'Security headers missing',
    summary: 'no `X-Content-Type-Options` and no framing protection',
    severity: 'info',
    guideSection: 'Code Security › Implement Content Security Policy (security headers)',
    checklistItem: 'security-headers',
    description:
      'A server that serves content sets neither X-Content-Type-Options nor framing protection (X-Frame-Options or a CSP frame-ancestors). Browsers may then guess content types (MIME sniffing) and let other sites frame the pages (clickjacking).',
    remedy:
      'Add X-Content-Type-Options "nosniff" and Content-Security-Policy "frame-ancestors \'none\'" (or X-Frame-Options "DENY") with always.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server(server) {
          if (!isHttpServer(server) || !isPublic(server, config)) return;
          if (!servesContent(server, config)) return;
          // An include that could not be read, in the server or above it, may set them.
          const { directives, unknown } = effectiveKnown(server, config, 'add_header');
          if (unknown) return;
          const names = headerNames(directives);
          const csp = directives
            .filter((d) => (d.args[0]?.value ?? '').toLowerCase() === 'content-security-policy')
            .map((d) => d.args[1]?.value ?? '');
          const lines: string[] = [];
          if (!names.includes('x-content-type-options'))
            lines.push('add_header X-Content-Type-Options "nosniff" always;');
          if (!names.includes('x-frame-options') && !csp.some((v) => /frame-ancestors/i.test(v)))
            lines.push('add_header X-Frame-Options "DENY" always;');
          if (lines.length === 0) return;
          const edit = insertIntoBlock(config, server, lines, [
            'listen',
            'server_name',
            'ssl_certificate',
            'ssl_certificate_key',
            'ssl_protocols',
            'ssl_ciphers',
            'add_header',
          ]);
          context.report({
            start: server.nameStart,
            end: server.nameEnd,
            message: `This server sets no ${lines.map((l) => l.split(' ')[1]).join(' and no ')} header. Add them with always.`,
            fixes: edit ? [{ title: 'Add the missing security headers', kind: 'fix', edits: [edit] }] : [],
          });
        },
      },
    };
  },
};
