// A header value written over several lines: nginx sends the line breaks as they are, which is
// obsolete header folding (RFC 9112 lets clients reject it) or, without the leading space, a
// broken header.
import type { NginxArgument, NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

/** The arguments holding header values: add_header's second; every header of more_set_headers. */
function valueArguments(directive: NginxDirective): NginxArgument[] {
  if (directive.name === 'add_header' || directive.name === 'add_trailer') return directive.args.slice(1, 2);
  // more_set_headers [-s status…] [-t type…] 'Name: value'…
  const values: NginxArgument[] = [];
  for (let i = 0; i < directive.args.length; i++) {
    const arg = directive.args[i];
    if (arg.value === '-s' || arg.value === '-t') i++;
    else values.push(arg);
  }
  return values;
}

const space = /\s/;

/**
 * The argument on one line: the breaks and the indentation around them become one space; the
 * whitespace before the first line and after the last goes when it holds a break. A scan, as the
 * regular expressions for this (`[ \t]*\r?\n\s*`) backtrack quadratically on long blank runs.
 */
function joined(arg: NginxArgument): string {
  const quote = arg.raw[0];
  const inner = arg.raw.slice(1, -1);
  let from = 0;
  while (from < inner.length && space.test(inner[from])) from++;
  if (!inner.slice(0, from).includes('\n')) from = 0;
  let to = inner.length;
  while (to > from && space.test(inner[to - 1])) to--;
  if (!inner.slice(to).includes('\n')) to = inner.length;
  const text = inner.slice(from, to);
  let body = '';
  let at = 0;
  for (let br = text.indexOf('\n'); br >= 0; br = text.indexOf('\n', at)) {
    // The spaces and tabs (and a carriage return) before the break, the whitespace after it.
    let start = br > at && text[br - 1] === '\r' ? br - 1 : br;
    while (start > at && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    let end = br + 1;
    while (end < text.length && space.test(text[end])) end++;
    body += text.slice(at, start) + ' ';
    at = end;
  }
  return quote + body + text.slice(at) + quote;
}

export const addHeaderMultiline: NginxRule = {
  id: 'nginx/add-header-multiline',
  language: 'nginx',
  meta: {
    title: 'Header value over several lines',
    summary: 'an `add_header`/`more_set_headers` value that spans lines (a quoted string with line breaks)',
    severity: 'warning',
    guideSection: 'Network Security › Use a Reverse Proxy (security headers)',
    checklistItem: 'security-headers',
    description:
      'nginx sends a quoted header value as written, line breaks included. A break followed by spaces is obsolete header folding, which RFC 9112 deprecates and clients may reject or read differently; a break without them ends the header there. A Content-Security-Policy written over several lines for readability may then protect nothing.',
    remedy: 'Write the value on one line (the quick fix joins the lines with single spaces).',
    fixable: true,
  },
  create(context) {
    const visit = (directive: NginxDirective): void => {
      if (directive.isEntry || directive.foreign) return;
      for (const arg of valueArguments(directive)) {
        if (
          !arg.quoted ||
          !/[\r\n]/.test(arg.value) ||
          arg.raw.length < 2 ||
          arg.raw[arg.raw.length - 1] !== arg.raw[0]
        )
          continue;
        const folded = /\n[ \t]/.test(arg.value);
        context.report({
          start: arg.start,
          end: arg.end,
          message: `This header value spans several lines, and nginx sends the line breaks: ${folded ? 'obsolete header folding, which clients may reject or read differently' : 'the header ends at the first break'}. Write it on one line.`,
          fixes: [
            {
              title: 'Join the value on one line',
              kind: 'fix',
              edits: [{ start: arg.start, end: arg.end, newText: joined(arg) }],
            },
          ],
        });
        break;
      }
    };
    return {
      directives: { add_header: visit, add_trailer: visit, more_set_headers: visit, more_set_input_headers: visit },
    };
  },
};
