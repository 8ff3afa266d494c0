// `if ($http_origin ~ "example.com")` also matches evil-example.com and example.com.evil.net. Each
// alternative of the pattern is checked on its own (`^https://a\.com|b\.com` anchors only the
// first), and the whole pattern is tried on hosts an attacker can own: the allowed host with a
// domain of theirs after it, their own name in front of the allowed domain, and (for a Referer,
// which carries a path) the allowed host in the path of their own site.
import type { NginxArgument, NginxDirective } from '../../languages/nginx/parser';
import {
  branchesOf,
  branchSpans,
  firstOf,
  itemsOf,
  parseRegex,
  sampleOf,
  toJavaScript,
  CharSet,
  type RegexNode,
} from '../../languages/nginx/regex';
import type { NginxRule } from '../../languages/nginx/rule';
import { ifCondition } from '../../languages/nginx/variables';

/** What the pattern is matched against: an Origin, a Referer, or valid_referers' text after the scheme. */
type Mode = 'origin' | 'referer' | 'valid_referers';

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

const unescapedDot = /(?<!\\)\.(?![*+?{])/;

function hasUnescapedDot(text: string): boolean {
  return unescapedDot.test(mapClasses(text, () => '').replace(/\\\\/g, ''));
}

const delimiters = CharSet.of('/?#:');

/** A bare `.` (not repeated) in the host part: it matches any character. */
function bareDot(node: RegexNode): boolean {
  switch (node.kind) {
    case 'char':
      return node.dot === true;
    case 'seq':
      return node.items.some(bareDot);
    case 'alt':
      return node.branches.some(bareDot);
    case 'group':
      return bareDot(node.body);
    default:
      return false;
  }
}

/** The registrable part of a host: its last two labels (three for co.uk-like suffixes). */
function registrable(host: string): string {
  const labels = host.split('.').filter((l) => l !== '');
  const n = labels.length;
  const keep = n >= 3 && labels[n - 2].length <= 3 && labels[n - 1].length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

interface Shape {
  scheme: string;
  /** The part of the host sampled with the scheme's item (`(https://www\.)example`). */
  leftover: string;
  host: string;
  domain: string;
  rest: string;
  hostItems: RegexNode[];
}

/** Splits an alternative into scheme, host and what follows, by a sample of each part. */
function shapeOf(branch: RegexNode, mode: Mode): Shape | undefined {
  const items = itemsOf(branch).filter((item, i) => !(i === 0 && item.kind === 'anchor' && item.which === 'start'));
  let index = 0;
  let scheme = '';
  let leftover = '';
  if (mode !== 'valid_referers') {
    let sample = '';
    for (let k = 0; k < items.length; k++) {
      sample += sampleOf(items[k]);
      const at = sample.indexOf('://');
      if (at >= 0) {
        scheme = sample.slice(0, at + 3);
        leftover = sample.slice(at + 3);
        index = k + 1;
        break;
      }
    }
  }
  const hostItems: RegexNode[] = [];
  for (; index < items.length; index++) {
    const item = items[index];
    if (item.kind === 'anchor' && item.which === 'end') break;
    const first = firstOf(item);
    if (!first.first.isEmpty && first.first.within(delimiters)) break;
    hostItems.push(item);
  }
  const host = leftover + hostItems.map((item) => sampleOf(item)).join('');
  if (host === '') return undefined;
  const rest = items
    .slice(index)
    .map((item) => sampleOf(item))
    .join('');
  let run = '';
  for (let i = hostItems.length - 1; i >= 0; i--) {
    const item = hostItems[i];
    if (item.kind !== 'char' || (item.literal === undefined && !item.dot)) break;
    run = (item.literal ?? '.') + run;
  }
  const trailing = run.replace(/^\.+/, '');
  const domain = registrable(trailing.includes('.') ? trailing : host);
  return { scheme, leftover, host, domain, rest, hostItems };
}

/**
 * A sample of `nodes` with the `target`-th repeated part (pre-order) written as `text`: where a
 * wildcard of the host can carry the attacker's own name.
 */
function sampleReplacing(nodes: readonly RegexNode[], target: number, text: string): string {
  let seen = 0;
  const walk = (node: RegexNode): string => {
    switch (node.kind) {
      case 'repeat': {
        if (node.max > 1 && seen++ === target) return text;
        const count = node.max === 0 ? 0 : Math.max(node.min, 1);
        const body = walk(node.body);
        return node.max > 1 ? sampleOf(node) : body.repeat(count);
      }
      case 'seq':
        return node.items.map(walk).join('');
      case 'alt':
        return walk(node.branches[0]);
      case 'group':
        return walk(node.body);
      default:
        return sampleOf(node);
    }
  };
  return nodes.map(walk).join('');
}

function countRepeats(node: RegexNode): number {
  switch (node.kind) {
    case 'repeat':
      return (node.max > 1 ? 1 : 0) + countRepeats(node.body);
    case 'seq':
      return node.items.reduce((n, item) => n + countRepeats(item), 0);
    case 'alt':
      return countRepeats(node.branches[0]);
    case 'group':
      return countRepeats(node.body);
    default:
      return 0;
  }
}

/** The host a value names (after its scheme, before its path). */
function hostOf(value: string, mode: Mode): string {
  const rest = mode === 'valid_referers' ? value : value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return rest.split(/[/?#:]/)[0];
}

/** Values an attacker can send whose host is theirs, not the allowed one. */
function attacksOn(shape: Shape, mode: Mode): string[] {
  const scheme = mode === 'valid_referers' ? '' : shape.scheme || 'https://';
  const hosts = [`${shape.host}.evil.net`, `evil-${shape.domain}`, `evil${shape.domain}`];
  const wildcards = Math.min(
    shape.hostItems.reduce((n, item) => n + countRepeats(item), 0),
    4,
  );
  for (let k = 0; k < wildcards; k++) {
    hosts.push(shape.leftover + sampleReplacing(shape.hostItems, k, 'evil-'));
    if (mode !== 'origin') hosts.push(shape.leftover + sampleReplacing(shape.hostItems, k, 'evil.net/'));
  }
  const out: string[] = [];
  const port = shape.rest.startsWith(':') ? shape.rest : undefined;
  const tail = shape.rest.startsWith('/') ? shape.rest : '/';
  for (const host of hosts) {
    const value = scheme + host;
    if (registrable(hostOf(value, mode)) === shape.domain) continue;
    if (mode === 'origin') out.push(value);
    else out.push(value.includes('/', scheme.length) ? value + shape.rest : value + tail);
    if (port !== undefined) out.push(value + port);
  }
  if (mode !== 'origin') {
    out.push(`${scheme}evil.net/${shape.host}${shape.rest}`);
    if (mode === 'referer') out.push(`${scheme}evil.net/?${shape.host}${shape.rest}`);
  }
  // Report a clean-looking value first: no empty labels, no label ending in a dash.
  const ugly = (v: string): boolean => /\.\.|-\.|\/\/\.|^\./.test(v.replace(/^[a-z]+:\/\//i, ''));
  const cleaned = out.map((v) => v.replace(/-\./g, '.'));
  return [...new Set([...cleaned.filter((v) => !ugly(v)), ...cleaned.filter(ugly)])];
}

interface Verdict {
  problems: string[];
  /** Whether the regex parser read the pattern (else only the textual checks ran). */
  parsed: boolean;
  /** Alternatives whose end is open: the allowed host with a domain after it matches. */
  openEnds: boolean[];
  /** Alternatives that end with `$` right after the host (a Referer always has a path there). */
  bareEnds: boolean[];
}

function judge(pattern: string, caseless: boolean, mode: Mode): Verdict {
  const spans = branchSpans(pattern);
  const texts = spans.map((s) => pattern.slice(s.start, s.end));
  const parsed = parseRegex(pattern, caseless);
  const branches = parsed ? branchesOf(parsed) : undefined;
  const usable = parsed && branches && branches.length === texts.length ? branches : undefined;
  const problems: string[] = [];
  const openEnds = texts.map(() => false);
  const name = (i: number): string => (texts.length > 1 ? `the alternative "${texts[i]}"` : 'it');
  const shapes = texts.map((_, i) => (usable ? shapeOf(usable[i], mode) : undefined));
  texts.forEach((text, i) => {
    if (!/^(?:\^|\\A)/.test(text)) problems.push(`${name(i)} is not anchored with ^`);
    const shape = shapes[i];
    const dotted = shape ? shape.hostItems.some(bareDot) : hasUnescapedDot(text);
    if (dotted) problems.push(texts.length > 1 ? `a dot in ${name(i)} is not escaped` : 'a dot is not escaped');
    if (!usable && mode === 'origin' && !text.endsWith('$')) problems.push(`${name(i)} is not anchored with $`);
  });
  const compile = (node: RegexNode): RegExp | undefined => {
    try {
      return new RegExp(toJavaScript(node));
    } catch {
      return undefined;
    }
  };
  const whole = parsed && usable ? compile(parsed.root) : undefined;
  if (whole && usable) {
    let found = false;
    usable.forEach((branch, i) => {
      const shape = shapes[i];
      if (!shape) return;
      const own = compile(branch);
      const attacks = attacksOn(shape, mode);
      openEnds[i] = own !== undefined && attacks.some((a) => a.includes(`${shape.host}.evil.net`) && own.test(a));
      if (found) return;
      const attack = attacks.find((a) => whole.test(a));
      if (!attack) return;
      found = true;
      problems.push(`it matches ${mode === 'valid_referers' ? `the Referer "https://${attack}"` : `"${attack}"`}`);
    });
  }
  const bareEnds = texts.map((text, i) => shapes[i]?.rest === '' && /(?<!\\)\$$/.test(text));
  return { problems: [...new Set(problems)], parsed: usable !== undefined, openEnds, bareEnds };
}

/** Escapes dots, anchors the start (at the scheme) and closes open ends, alternative by alternative. */
function harden(pattern: string, mode: Mode, verdict: Verdict): string | undefined {
  const spans = branchSpans(pattern);
  const branches: string[] = [];
  for (const [i, span] of spans.entries()) {
    let p = pattern.slice(span.start, span.end);
    // `\.google\.` means "any host with this label": anchoring it would match none.
    if (p.startsWith('\\.')) return undefined;
    const classes: string[] = [];
    p = mapClasses(p, (m) => {
      classes.push(m);
      return `\u0000${classes.length - 1}\u0000`;
    });
    p = p.replace(/(?<!\\)\.(?![*+?{])/g, '\\.');
    p = p.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => classes[Number(n)]);
    if (!/^(?:\^|\\A)/.test(p)) p = mode === 'valid_referers' || /:\\?\/\\?\//.test(p) ? `^${p}` : `^https?://${p}`;
    // Without the parser, the textual rule: an Origin ends with its host.
    const open = verdict.parsed ? verdict.openEnds[i] : mode === 'origin';
    const end = mode === 'origin' ? '$' : mode === 'referer' ? '(?:[/:?#]|$)' : '(?:[/:]|$)';
    if (open && !p.endsWith('$')) p += end;
    else if (mode !== 'origin' && verdict.bareEnds[i]) p = p.slice(0, -1) + end;
    branches.push(p);
  }
  return branches.join('|');
}

function joined(problems: readonly string[]): string {
  return problems.length <= 1
    ? (problems[0] ?? '')
    : `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}`;
}

export const originRegex: NginxRule = {
  id: 'nginx/origin-regex',
  language: 'nginx',
  meta: {
    title: 'Weak Origin/Referer regex',
    summary:
      '`$http_origin`/`$http_referer`/`valid_referers` regexes that let other hosts through (dots, anchors, wildcards, alternatives)',
    severity: 'warning',
    guideSection: 'Input Validation › Validate URLs (beyond the guide: MCP Origin checks)',
    checklistItem: 'access-controls',
    description:
      'An Origin or Referer check uses a regex that hosts like evil-example.com or example.com.attacker.net pass: an unescaped dot, no ^ or no end after the host, a wildcard in front of the domain, or an alternative that is not anchored (^a|b anchors only a). The MCP specification asks servers to validate Origin; a check that lets attackers through is worse than none, because it looks done.',
    remedy:
      'Escape dots and anchor each alternative and the end of the host: ~ "^https://(app|admin)\\.example\\.com$".',
    hasSuggestions: true,
  },
  create(context) {
    const check = (
      arg: NginxArgument,
      value: string,
      caseless: boolean,
      mode: Mode,
      rewrite: (p: string) => string,
    ) => {
      if (value === '') return;
      const verdict = judge(value, caseless, mode);
      if (verdict.problems.length === 0) return;
      const hardened = harden(value, mode, verdict);
      const fixable =
        hardened !== undefined && hardened !== value && judge(hardened, caseless, mode).problems.length === 0;
      const subject = mode === 'origin' ? 'Origin' : 'Referer';
      context.report({
        start: arg.start,
        end: arg.end,
        message: `This ${subject} check lets other hosts through: ${joined(verdict.problems)}. ${
          fixable
            ? `Escape dots and anchor it: ^ at the start, ${mode === 'origin' ? '$' : '/ or $'} after the host.`
            : `Name the allowed hosts: escape dots, anchor it, end the host with ${mode === 'origin' ? '$' : '/'}, and let a wildcard stop at a dot (^https://[a-z0-9-]+\\.example\\.com${mode === 'origin' ? '$' : '/'}).`
        }`,
        ...(fixable
          ? {
              fixes: [
                {
                  title: 'Escape dots and anchor the pattern',
                  kind: 'suggestion' as const,
                  edits: [{ start: arg.start, end: arg.end, newText: rewrite(hardened!) }],
                },
              ],
            }
          : {}),
      });
    };

    /**
     * A check that names a host (a scheme, or a dot between labels). A keyword list such as
     * `~(?i)(casino|poker)` matches words anywhere, by design: it is no host allow-list.
     */
    const namesHost = (value: string): boolean =>
      /:\\?\/\\?\/|[A-Za-z0-9]\\\.|\\\.[A-Za-z0-9]|[A-Za-z0-9]\.[A-Za-z0-9]/.test(value);
    /** `if ($http_referer ~ …) { return 403; }`: a match is rejected, so a loose pattern lets nobody in. */
    const rejectsMatches = (directive: NginxDirective, operator: string): boolean =>
      !operator.startsWith('!') &&
      (directive.block?.children ?? []).length > 0 &&
      (directive.block?.children ?? []).every(
        (d) => (d.name === 'return' && /^4\d\d$/.test(d.args[0]?.value ?? '')) || d.name === 'deny',
      );
    /** `map $http_referer $bad_referer`: a block list, whose loose entries block more, not less. */
    const blockList = (output: string | undefined): boolean =>
      /(?:^|_)(?:bad|block|blocked|blacklist|blocklist|deny|denied|spam|spammer|banned)(?:_|$)/i.test(
        (output ?? '').replace(/^\$/, ''),
      );

    const modeOf = (subject: string | undefined): Mode | undefined =>
      subject === '$http_origin' ? 'origin' : subject === '$http_referer' ? 'referer' : undefined;

    const visit = (directive: NginxDirective): void => {
      if (directive.isEntry) return;
      if (directive.name === 'if') {
        const condition = ifCondition(directive);
        const mode = modeOf(condition?.subject.toLowerCase());
        const operator = condition?.operator;
        const pattern = condition?.pattern;
        if (!mode || !operator || !/^!?~\*?$/.test(operator) || !pattern) return;
        if (!namesHost(pattern.value) || rejectsMatches(directive, operator)) return;
        const closing = !pattern.arg.quoted && pattern.arg.raw.endsWith(')') ? ')' : '';
        check(pattern.arg, pattern.value, operator.endsWith('*'), mode, (p) => `"${p}"${closing}`);
        return;
      }
      if (directive.name === 'map') {
        const mode = modeOf(directive.args[0]?.value.toLowerCase());
        if (!mode || blockList(directive.args[1]?.value)) return;
        for (const entry of directive.block?.children ?? []) {
          const m = /^(~\*?)(.*)$/s.exec(entry.name);
          if (!m || !namesHost(m[2])) continue;
          const arg: NginxArgument = {
            start: entry.nameStart,
            end: entry.nameEnd,
            raw: entry.name,
            value: m[2],
            quoted: false,
          };
          check(arg, m[2], m[1] === '~*', mode, (p) => `"${m[1]}${p}"`);
        }
        return;
      }
      if (directive.name === 'valid_referers') {
        for (const arg of directive.args) {
          if (!arg.value.startsWith('~') || !namesHost(arg.value.slice(1))) continue;
          // nginx matches these case-insensitively against the Referer after its scheme.
          check(arg, arg.value.slice(1), true, 'valid_referers', (p) => `"~${p}"`);
        }
      }
    };
    return { directives: { if: visit, map: visit, valid_referers: visit } };
  },
};
