// A server that serves files from a root with no rule against dotfiles serves .env, .git/config
// and .htpasswd to anyone who asks.
import {
  answersNothing,
  childNamed,
  descendantsNamed,
  holdsUnread,
  insertIntoBlock,
  isAcmeChallenge,
  isHttpServer,
  isPublic,
  servesContent,
} from '../../languages/nginx/model';
import type { NginxRule } from '../../languages/nginx/rule';

export const dotfilesExposed: NginxRule = {
  id: 'nginx/dotfiles-exposed',
  language: 'nginx',
  meta: {
    title: 'Dotfiles not denied',
    summary: 'a server serving a root without `location ~ /\\. { deny all; }`',
    severity: 'info',
    guideSection: 'Environment Variables › Use a .env file with proper gitignore (access controls)',
    checklistItem: 'access-controls',
    description:
      'The server serves files from a root but has no location denying dotfiles. A .env, .git/config or .htpasswd that lands in that folder is then one request away.',
    remedy: 'location ~ /\\. { deny all; }',
    fixable: true,
  },
  create(context) {
    const { config } = context;
    return {
      directives: {
        server(server) {
          if (!isHttpServer(server) || !isPublic(server, config)) return;
          // A server that answers every request with a redirect, an error or a refusal serves no file.
          if (!servesContent(server, config)) return;
          // An include that could not be read, in the server or its locations, may deny dotfiles.
          if (holdsUnread(server)) return;
          // Roots that only serve ACME challenges, or locations that answer nothing, expose nothing else.
          const roots = [
            ...childNamed(server, config, 'root'),
            ...childNamed(server.parent, config, 'root'),
            ...descendantsNamed(server, 'root').filter(
              (r) =>
                !r.parent ||
                !(isAcmeChallenge(r.parent) || (r.parent.name === 'location' && answersNothing(r.parent, config))),
            ),
          ];
          if (roots.length === 0) return;
          const denies = descendantsNamed(server, 'location').some((l) => {
            const [modifier, pattern] = l.args.map((a) => a.value);
            return (
              (modifier === '~' || modifier === '~*') &&
              pattern !== undefined &&
              pattern.includes('/\\.') &&
              descendantsNamed(l, 'deny').length + descendantsNamed(l, 'return').length > 0
            );
          });
          if (denies) return;
          const edit = insertIntoBlock(
            config,
            server,
            ['location ~ /\\. { deny all; }'],
            ['listen', 'server_name', 'root', 'index'],
          );
          context.report({
            start: server.nameStart,
            end: server.nameEnd,
            message:
              'This server serves files but does not deny dotfiles (.env, .git). Add location ~ /\\. { deny all; }.',
            fixes: edit ? [{ title: 'Deny dotfiles', kind: 'fix', edits: [edit] }] : [],
          });
        },
      },
    };
  },
};
