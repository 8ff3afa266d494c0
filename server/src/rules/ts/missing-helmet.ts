// An Express app without helmet sends none of the security headers browsers rely on.
import { apiRoutes, appListens, insertAfterApp, isOAuthCallbackApp, usesModule, webApps } from '../../knowledge/apps';
import { FACT } from '../../core/facts';
import { securityHeaderModules } from '../../knowledge/facts';
import { importDefault } from '../../languages/typescript/imports';
import type { TsRule } from '../../languages/typescript/rule';

export const missingHelmet: TsRule = {
  id: 'ts/missing-helmet',
  language: 'typescript',
  meta: {
    title: 'Express app without helmet',
    summary: 'an Express app without `helmet()`',
    severity: 'warning',
    guideSection: 'Security Headers › Content Security Policy',
    checklistItem: 'security-headers',
    description:
      'This Express app serves routes and nothing in the file sets security headers (helmet). Responses then go out without Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options or frame protection, and with X-Powered-By announcing Express. Helmet set up in another file of the workspace, or nginx adding the headers, clears the finding in workspace analysis.',
    remedy: "import helmet from 'helmet' and app.use(helmet()) before the routes.",
    hasSuggestions: true,
  },
  create(context) {
    const { file } = context;
    return {
      onEnd: () => {
        const apps = webApps(file).filter((a) => a.framework === 'express');
        if (apps.length === 0) return;
        if (usesModule(file, securityHeaderModules)) return;
        for (const app of apps) {
          if ((apiRoutes(app).length === 0 && app.listens.length === 0) || isOAuthCallbackApp(file, app)) continue;
          const imported = importDefault(file, 'helmet', 'helmet');
          context.report({
            start: file.start(app.creation),
            end: app.creation.end,
            message: `The Express app '${app.name}' sends no security headers (no helmet). Add app.use(helmet()) before the routes.`,
            // Helmet in another file of the project, or security headers set by nginx, count too.
            unless: [{ fact: FACT.securityHeaders }],
            ...appListens(file, app),
            fixes: [
              {
                title: 'Add helmet()',
                kind: 'suggestion',
                edits: [...imported.edits, insertAfterApp(file, app, [`${app.name}.use(${imported.reference}());`])],
              },
            ],
          });
        }
      },
    };
  },
};
