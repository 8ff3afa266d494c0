// Cipher suites that are broken (RC4, DES, 3DES, MD5, NULL, EXPORT) or unauthenticated (aNULL).
import type { NginxRule } from '../../languages/nginx/rule';

// Mozilla's "intermediate" recommendation for TLS 1.2 (TLS 1.3 suites are not set by ssl_ciphers).
const INTERMEDIATE =
  'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';
const weakToken = /(?:^|[-+])(?:RC4|DES|3DES|DES-CBC3|MD5|NULL|eNULL|aNULL|EXPORT|EXP|ADH|AECDH)(?:$|[-+])/i;
const broadSelector = /^(?:ALL|HIGH|MEDIUM|LOW|DEFAULT|COMPLEMENTOFDEFAULT)$/i;

export const weakCiphers: NginxRule = {
  id: 'nginx/weak-ciphers',
  language: 'nginx',
  meta: {
    title: 'Weak TLS cipher suites',
    summary: 'RC4/DES/3DES/MD5/NULL/EXPORT suites, or broad selectors without `!aNULL`',
    severity: 'warning',
    guideSection: 'Network Security › Use HTTPS',
    checklistItem: 'https',
    description:
      'ssl_ciphers allows broken suites (RC4, DES, 3DES, MD5, NULL, EXPORT) or, through a broad selector like HIGH or ALL without !aNULL, anonymous suites that authenticate nobody. A client can be talked into one of them.',
    remedy: 'Use the Mozilla intermediate cipher list (the quick fix), or exclude the weak families explicitly.',
    fixable: true,
  },
  create(context) {
    return {
      directives: {
        ssl_ciphers(directive) {
          if (directive.isEntry || directive.args.length === 0) return;
          const spec = directive.args.map((a) => a.value).join(':');
          const tokens = spec.split(/[:\s,]+/).filter((t) => t !== '');
          const excluded = (name: string): boolean =>
            tokens.some((t) => /^[!-]/.test(t) && t.slice(1).toUpperCase() === name.toUpperCase());
          const weak = tokens.filter((t) => !/^[!-]/.test(t) && weakToken.test(t.replace(/^\+/, '')));
          const broad = tokens.some((t) => broadSelector.test(t)) && !excluded('aNULL');
          if (weak.length === 0 && !broad) return;
          const argument = directive.args[0];
          const quote = argument.quoted ? argument.raw[0] : "'";
          context.report({
            start: directive.nameStart,
            end: directive.end,
            message:
              weak.length > 0
                ? `ssl_ciphers allows weak suites (${weak.slice(0, 3).join(', ')}). Use a modern cipher list.`
                : 'ssl_ciphers uses a broad selector without !aNULL, which allows anonymous suites. Use a modern cipher list.',
            fixes: [
              {
                title: 'Use the Mozilla intermediate cipher list',
                kind: 'fix',
                edits: [
                  {
                    start: argument.start,
                    end: directive.args[directive.args.length - 1].end,
                    newText: `${quote}${INTERMEDIATE}${quote}`,
                  },
                ],
              },
            ],
          });
        },
      },
    };
  },
};
