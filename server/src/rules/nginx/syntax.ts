// Syntax errors nginx -t would refuse: unbalanced braces, missing `;`, unterminated quotes.
import type { NginxRule } from '../../languages/nginx/rule';

export const syntax: NginxRule = {
  id: 'nginx/syntax',
  language: 'nginx',
  meta: {
    title: 'nginx syntax error',
    summary: 'what `nginx -t` cannot parse: missing `;`, braces, unterminated quotes (every error, with recovery)',
    severity: 'error',
    guideSection: 'Network Security › Use a Reverse Proxy',
    description:
      'The configuration does not parse: nginx -t would refuse it and nginx would not (re)start with it. Every error is reported; the rest of the file is still analyzed.',
    remedy: 'Add the missing `;`, `}` or closing quote at the marked place.',
  },
  create(context) {
    return {
      end() {
        for (const error of context.config.errors)
          context.report({ start: error.start, end: Math.max(error.end, error.start + 1), message: error.message });
      },
    };
  },
};
