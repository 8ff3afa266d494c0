// Errors nginx -t would refuse before loading anything: unbalanced braces, missing `;`,
// unterminated quotes, and arguments the directive's syntax does not accept (their number, on/off
// flags, sizes, times, numbers, keyword parameters), which is how a `;` missing at the end of a
// line shows when the next line is swallowed as more arguments.
import { argumentProblem } from '../../languages/nginx/directives';
import type { NginxRule } from '../../languages/nginx/rule';

export const syntax: NginxRule = {
  id: 'nginx/syntax',
  language: 'nginx',
  meta: {
    title: 'nginx syntax error',
    summary:
      'what `nginx -t` refuses: missing `;`, braces, unterminated quotes, wrong number or form of arguments (every error, with recovery)',
    severity: 'error',
    guideSection: 'Network Security › Use a Reverse Proxy',
    description:
      'The configuration does not parse, or a directive has arguments its syntax (per the official NGINX reference) does not accept: nginx -t would refuse it and nginx would not (re)start with it. Every error is reported; the rest of the file is still analyzed.',
    remedy: 'Add the missing `;`, `}` or closing quote, or fix the argument, at the marked place.',
  },
  create(context) {
    const { config } = context;
    const errors = [...config.errors].sort((a, b) => a.start - b.start);
    /** Whether a parse error touches [start, end] (binary search: errors can be many). */
    const inError = (start: number, end: number): boolean => {
      let low = 0;
      let high = errors.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (errors[mid].start < end) low = mid + 1;
        else high = mid;
      }
      for (let i = low - 1; i >= 0 && i >= low - 8; i--) if (errors[i].end >= start) return true;
      return false;
    };
    return {
      directive(directive) {
        // A directive cut short by a parse error is reported once, as that error. A block's own
        // line is judged apart from its body.
        const headerEnd = directive.block ? directive.block.open + 1 : directive.end;
        if (directive.isEntry || inError(directive.start, headerEnd)) return;
        const problem = argumentProblem(directive, config.text);
        if (problem) context.report(problem);
      },
      end() {
        for (const error of config.errors)
          context.report({ start: error.start, end: Math.max(error.end, error.start + 1), message: error.message });
      },
    };
  },
};
