// `if ($http_origin ~ "example.com")` also matches evil-example.com and example.com.evil.net.
import type { NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

/** Replaces each `[...]` character class through `mask`, in one linear pass. */
function mapClasses(pattern: string, mask: (cls: string) => string): string {
  let out = '';
  let at = 0;
  for (let open = pattern.indexOf('[', at); open >= 0; open = pattern.indexOf('[', at)) {
    const close = pattern.indexOf(']', open + 1);
    if (close < 0) break;
    out += pattern.slice(at, open) + mask(pattern.slice(open, close + 1));
    at = close + 1;
  }
  return out + pattern.slice(at);
}

function weaknesses(pattern: string, referer: boolean): string[] {
  const problems: string[] = [];
  if (!pattern.startsWith('^')) problems.push('it is not anchored with ^');
  // An Origin is scheme://host[:port] and must end there; a Referer continues with a path.
  if (!referer && !pattern.endsWith('$')) problems.push('it is not anchored with $');
  // An unescaped dot outside a character class matches any character.
  const withoutClasses = mapClasses(pattern, () => '');
  if (/(?<!\\)\.(?![*+?])/.test(withoutClasses.replace(/\\\\/g, ''))) problems.push('a dot is not escaped');
  return problems;
}

function hardened(pattern: string, referer: boolean): string {
  let p = pattern;
  const classes: string[] = [];
  p = mapClasses(p, (m) => {
    classes.push(m);
    return `\u0000${classes.length - 1}\u0000`;
  });
  p = p.replace(/(?<!\\)\.(?![*+?])/g, '\\.');
  p = p.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => classes[Number(i)]);
  // Origins and Referers start with a scheme: anchor there, not in front of the host.
  if (!p.startsWith('^')) p = (/:\/\//.test(p) ? '^' : '^https?://') + p;
  if (referer) {
    if (!p.endsWith('$')) p = p + '(?:[/:?#]|$)';
  } else if (!p.endsWith('$')) {
    p = p + '$';
  }
  return p;
}

export const originRegex: NginxRule = {
  id: 'nginx/origin-regex',
  language: 'nginx',
  meta: {
    title: 'Weak Origin/Referer regex',
    summary: '`$http_origin`/`$http_referer` regexes with unescaped dots or no anchors',
    severity: 'warning',
    guideSection: 'Input Validation › Validate URLs (beyond the guide: MCP Origin checks)',
    checklistItem: 'access-controls',
    description:
      'An Origin or Referer check uses a regex with unescaped dots or without ^…$ anchors, so hosts like evil-example.com or example.com.attacker.net pass. The MCP specification asks servers to validate Origin; a check that lets attackers through is worse than none, because it looks done.',
    remedy: 'Escape dots and anchor the whole origin: ~ "^https://app\\.example\\.com$".',
    hasSuggestions: true,
  },
  create(context) {
    const visit = (directive: NginxDirective): void => {
      if (directive.isEntry) return;
      let subject: string | undefined;
      let patternArg;
      if (directive.name === 'if') {
        const variable = directive.args[0]?.value.replace(/^\(/, '');
        const operator = directive.args[1]?.value;
        patternArg = directive.args[2];
        if (!operator || !/^!?~\*?$/.test(operator) || !patternArg) return;
        subject = variable;
      } else {
        subject = directive.args[0]?.value;
      }
      if (!subject || !/^\$(?:http_origin|http_referer)$/.test(subject)) return;
      const patterns =
        directive.name === 'map'
          ? (directive.block?.children ?? [])
              .filter((e) => /^~\*?/.test(e.name))
              .map((e) => ({
                start: e.nameStart,
                end: e.nameEnd,
                raw: e.name,
                value: e.name.replace(/^~\*?/, ''),
                quoted: false,
              }))
          : [patternArg!];
      for (const arg of patterns) {
        const value = directive.name === 'if' ? arg.value.replace(/\)$/, '') : arg.value;
        if (value === '') continue;
        const referer = subject === '$http_referer';
        const problems = weaknesses(value, referer);
        if (problems.length === 0) continue;
        const prefix = directive.name === 'map' ? (/^~\*?/.exec(arg.raw)?.[0] ?? '') : '';
        const closing = directive.name === 'if' && arg.raw.endsWith(')') && !arg.quoted ? ')' : '';
        const replacement = `${prefix}"${hardened(value, referer)}"${closing}`;
        context.report({
          start: arg.start,
          end: arg.end,
          message: `This ${subject.slice(6)} check lets other hosts through: ${problems.join(' and ')}. Escape dots and anchor it with ^…$.`,
          fixes: [
            {
              title: 'Escape dots and anchor the pattern',
              kind: 'suggestion',
              edits: [{ start: arg.start, end: arg.end, newText: replacement }],
            },
          ],
        });
      }
    };
    return { directives: { if: visit, map: visit } };
  },
};
