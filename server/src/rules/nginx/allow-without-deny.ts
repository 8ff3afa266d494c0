// `allow` rules with no `deny` after them in the same block: a client that matches no rule is let
// in, so the allowlist restricts nobody. A `deny all` of an enclosing block does not help: a block with
// its own allow/deny rules replaces the inherited ones.
import { childNamed, children } from '../../languages/nginx/model';
import type { NginxConfig, NginxDirective } from '../../languages/nginx/parser';
import type { NginxRule } from '../../languages/nginx/rule';

/** Directives that ask for credentials: with `satisfy any`, a client outside the allowlist must pass them. */
const authDirectives = ['auth_basic', 'auth_request', 'auth_jwt', 'auth_oidc', 'auth_digest', 'auth_pam', 'auth_ldap'];

/** The value of a directive that inherits as a single value (the nearest block that sets it). */
function inherited(block: NginxDirective | undefined, config: NginxConfig, name: string): string | undefined {
  for (let b = block; ; b = b?.parent) {
    const own = childNamed(b, config, name);
    if (own.length > 0) return own[own.length - 1].args[0]?.value.toLowerCase();
    if (!b) return undefined;
  }
}

export const allowWithoutDeny: NginxRule = {
  id: 'nginx/allow-without-deny',
  language: 'nginx',
  meta: {
    title: '`allow` without `deny all`',
    summary: '`allow` rules with no `deny all` after them in the same block, which let every client in',
    severity: 'warning',
    guideSection: 'Validate file paths (access controls)',
    checklistItem: 'access-controls',
    description:
      'nginx checks allow and deny rules in order and lets in a client that matches none of them, so allow rules with no deny after them restrict nobody. A deny all of an enclosing block does not apply: a block with its own allow or deny rules replaces the inherited ones.',
    remedy: 'Add deny all; after the last allow of the block.',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    const done = new Set<NginxDirective | undefined>();
    return {
      directives: {
        allow(directive) {
          if (directive.isEntry || directive.foreign) return;
          const block = directive.parent;
          // The top of a snippet: the block it is included into may hold the deny.
          if (block?.virtual || done.has(block)) return;
          done.add(block);
          const siblings = children(block, config).filter((d) => !d.isEntry);
          // An include this analysis did not read may hold the deny.
          if (siblings.some((d) => d.name === 'include' && !d.foreign)) return;
          // Allows before a deny are exceptions to it (`allow 10.0.0.5; deny 10.0.0.0/24;`); an
          // allow after the last deny changes nothing, since a client no rule matches is let in.
          const rules = siblings.filter((d) => d.name === 'allow' || d.name === 'deny');
          const lastDeny = rules.map((d) => d.name).lastIndexOf('deny');
          const allows = rules.slice(lastDeny + 1).filter((d) => !d.foreign);
          // `allow all` opens a block up on purpose.
          if (allows.length === 0 || allows.every((d) => d.args[0]?.value === 'all')) return;
          // `satisfy any` with authentication: the allowlist is a way around the password, not the only gate.
          if (
            inherited(block, config, 'satisfy') === 'any' &&
            authDirectives.some((name) => {
              const value = inherited(block, config, name);
              return value !== undefined && value !== 'off';
            })
          )
            return;
          const first = allows.find((d) => d.args[0]?.value !== 'all')!;
          const last = allows[allows.length - 1];
          let parentDeny = false;
          for (let b = block?.parent; b && !parentDeny; b = b.parent)
            parentDeny = childNamed(b, config, 'deny').some((d) => d.args[0]?.value === 'all');
          const text = config.text;
          const lineEnd = text.indexOf('\n', last.end);
          const rest = text.slice(last.end, lineEnd < 0 ? text.length : lineEnd);
          const lineStart = text.lastIndexOf('\n', last.start - 1) + 1;
          const indentation = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
          const eol = /\r\n/.test(text) ? '\r\n' : '\n';
          // On a line of its own when the allow ends its line, else beside it.
          const newText = /^\s*(?:#.*)?$/.test(rest) ? `${eol}${indentation}deny all;` : ' deny all;';
          context.report({
            start: first.nameStart,
            end: first.end,
            message: `${lastDeny < 0 ? `allow ${first.args[0]?.value ?? ''} with no deny in this block` : `allow ${first.args[0]?.value ?? ''} after the last deny of this block`} lets every other client in too: a client no rule matches is allowed.${parentDeny ? ' The enclosing deny all does not apply here, because a block with its own allow rules replaces the inherited ones.' : ''} Add deny all; after the last allow.`,
            fixes: [
              {
                title: 'Add deny all; after the last allow',
                kind: 'fix',
                edits: [{ start: last.end, end: last.end, newText }],
              },
            ],
          });
        },
      },
    };
  },
};
