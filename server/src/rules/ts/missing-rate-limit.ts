// An API with no rate limiting: brute force, scraping and runaway clients cost nothing.
import { apiRoutes, appListens, insertAfterApp, isOAuthCallbackApp, usesModule, webApps } from '../../knowledge/apps';
import { FACT } from '../../core/facts';
import { rateLimitModules } from '../../knowledge/facts';
import { importDefault } from '../../languages/typescript/imports';
import type { TsRule } from '../../languages/typescript/rule';

export const tsMissingRateLimit: TsRule = {
  id: 'ts/missing-rate-limit',
  language: 'typescript',
  meta: {
    title: 'API without rate limiting',
    summary: 'an app whose routes have no rate limiting',
    severity: 'warning',
    guideSection: 'Rate Limiting',
    checklistItem: 'rate-limiting',
    description:
      'This app exposes routes and nothing in the file limits request rates (express-rate-limit, rate-limiter-flexible, @fastify/rate-limit, …). Password and API-key guessing, scraping, and a looping agent calling a tool thousands of times cost the caller nothing and the server everything. A limiter elsewhere in the workspace, or nginx limit_req in front, counts too: the workspace analysis (editor scan or CLI) clears the finding.',
    remedy: 'Add express-rate-limit: app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 })).',
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      onEnd: () => {
        const apps = webApps(file).filter((a) => a.framework !== 'http');
        if (apps.length === 0) return;
        if (usesModule(file, rateLimitModules)) return;
        for (const app of apps) {
          if (apiRoutes(app).length === 0 || isOAuthCallbackApp(file, app)) continue;
          const fixes = [];
          if (app.framework === 'express') {
            const imported = importDefault(file, 'express-rate-limit', 'rateLimit');
            fixes.push({
              title: 'Add express-rate-limit (100 requests per 15 minutes)',
              kind: 'suggestion' as const,
              edits: [
                ...imported.edits,
                insertAfterApp(file, app, [
                  `${app.name}.use(${imported.reference}({ windowMs: 15 * 60 * 1000, max: 100 }));`,
                ]),
              ],
            });
          }
          context.report({
            start: file.start(app.creation),
            end: app.creation.end,
            message: `The app '${app.name}' serves ${apiRoutes(app).length} route${apiRoutes(app).length === 1 ? '' : 's'} with no rate limiting. Add a limiter in front of them.`,
            // A limiter in another file of the project, or nginx limit_req in front, counts too.
            unless: [{ fact: FACT.rateLimit }],
            fixes,
            ...appListens(file, app),
          });
        }
      },
    };
  },
};
