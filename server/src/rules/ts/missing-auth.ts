// Routes anyone can call: no authentication middleware anywhere in front of them.
import ts from 'typescript';
import { apiRoutes, appListens, insertAfterApp, isOAuthCallbackApp, webApps } from '../../knowledge/apps';
import { appendHelperFunction } from '../../languages/typescript/edits';
import { FACT } from '../../core/facts';
import { isAuthModule } from '../../knowledge/facts';
import { importNamed } from '../../languages/typescript/imports';
import { importedModules, namespaceNameOf } from '../../languages/typescript/modules';
import { credentialEvidence, isAuthMiddleware, mountedAuthMiddleware } from '../../knowledge/routes';
import type { TsRule } from '../../languages/typescript/rule';
import { codeTextOf } from '../../languages/typescript/comments';
import type { TsFile } from '../../languages/typescript/file';
import { skipOuterExpressions } from '../../languages/typescript/values';

const inlineAuth = /\b(?:authorization|x-api-key|req\.user|req\.auth|isAuthenticated|verifyToken|bearer)\b/i;
const HELPER = 'validateApiKey';

/** What a route handler reads, without the headers and messages it writes back. */
function handlerEvidence(file: TsFile, handler: ts.Expression): string {
  const e = skipOuterExpressions(handler);
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? credentialEvidence(file, e) : codeTextOf(file, handler);
}

export const missingAuth: TsRule = {
  id: 'ts/missing-auth',
  language: 'typescript',
  meta: {
    title: 'API routes without authentication',
    summary: 'an app whose routes nothing authenticates',
    severity: 'warning',
    guideSection: 'Authentication and Authorization',
    checklistItem: 'authentication',
    description:
      "This app registers API routes and nothing in the file authenticates requests: no auth middleware on the app or the routes (passport, express-jwt, an API-key check, the MCP SDK's requireBearerAuth) and no handler reading credentials. Anyone who can reach the port can call every endpoint. Authentication set up in another file counts too: the workspace analysis (editor scan or CLI) clears the finding.",
    remedy: 'Mount authentication middleware before the routes (API key compared in constant time, or bearer tokens).',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      onEnd: () => {
        const apps = webApps(file).filter((a) => a.framework !== 'http');
        if (apps.length === 0) return;
        if ([...importedModules(file)].some(isAuthModule)) return;
        for (const app of apps) {
          const routes = apiRoutes(app);
          if (routes.length === 0 || isOAuthCallbackApp(file, app)) continue;
          if (mountedAuthMiddleware(file)) continue;
          if (
            routes.some(
              (r) =>
                r.middleware.some((m) => isAuthMiddleware(file, m)) ||
                inlineAuth.test(handlerEvidence(file, r.handler)),
            )
          )
            continue;
          const fixes = [];
          const expressName = app.framework === 'express' ? namespaceNameOf(file, 'express') : undefined;
          if (expressName) {
            const specifier = /['"]node:crypto['"]/.test(file.text) ? 'node:crypto' : 'crypto';
            const equal = importNamed(file, specifier, 'timingSafeEqual');
            const q = file.quote;
            const body = `  const expected = Buffer.from(process.env.API_KEY ?? ${q}${q});
  const provided = Buffer.from(req.get(${q}x-api-key${q}) ?? ${q}${q});
  if (expected.length === 0 || provided.length !== expected.length || !${equal.reference}(provided, expected)) {
    res.status(401).json({ error: ${q}Unauthorized${q} });
    return;
  }
  next();
}`;
            const doc =
              '/** Rejects requests whose X-API-Key header does not match API_KEY (compared in constant time). */\n';
            fixes.push({
              title: `Require an API key on every route (${HELPER})`,
              kind: 'suggestion' as const,
              edits: [
                ...equal.edits,
                insertAfterApp(file, app, [`${app.name}.use(${HELPER});`]),
                ...appendHelperFunction(
                  file,
                  HELPER,
                  `${doc}function ${HELPER}(req: ${expressName}.Request, res: ${expressName}.Response, next: ${expressName}.NextFunction): void {\n${body}`,
                  `${doc}function ${HELPER}(req, res, next) {\n${body}`,
                ),
              ],
            });
          }
          context.report({
            start: file.start(app.creation),
            end: app.creation.end,
            message: `The app '${app.name}' serves ${routes.length} route${routes.length === 1 ? '' : 's'} and nothing authenticates the caller. Mount authentication middleware before them.`,
            // Authentication mounted in another file of the project counts too.
            unless: [{ fact: FACT.auth }],
            fixes,
            ...appListens(file, app),
          });
        }
      },
    };
  },
};
