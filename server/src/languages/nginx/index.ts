// The nginx adapter: names and content that make a file nginx, the includes its analysis reads,
// and the analysis itself.
import { DEFAULT_MAX_FILE_SIZE } from '../../core/config';
import type { LanguageAdapter } from '../../core/language';
import type { RuleBase } from '../../core/rule';
import { analyzeNginx, includeCandidates } from './analyze';
import { looksLikeNginx, nginxNameClaim, templateLanguage } from './detect';
import { parseNginx } from './parser';
import type { NginxRule } from './rule';

const isNginxRule = (rule: RuleBase): rule is NginxRule => rule.language === 'nginx';

export const nginxAdapter: LanguageAdapter = {
  id: 'nginx',
  editorLanguageIds: ['nginx'],
  watchGlobs: [
    '**/*.{conf,nginx,template,tmpl,tpl,sample,example,dist,default,in,orig}',
    '**/{sites-available,sites-enabled,vhost.d,conf.d,snippets,nginx}/*',
  ],
  claimsName: nginxNameClaim,
  claimsContent: looksLikeNginx,
  notAnalyzable(text) {
    const template = templateLanguage(text);
    return template ? `a ${template} template: its placeholders are not nginx syntax` : undefined;
  },
  // The configuration root's markers and every include's candidates, beside the file and above it.
  // An included file's own includes are relative to the same root: their candidates are named
  // from this file's folder too, once the host has read the included file.
  companions: (text, path, read) => {
    if (text.length > DEFAULT_MAX_FILE_SIZE) return [];
    const names = new Set(includeCandidates(parseNginx(text), path));
    for (const companion of Object.values(read ?? {}))
      if (companion && companion.length <= DEFAULT_MAX_FILE_SIZE && /\binclude\b/.test(companion))
        for (const name of includeCandidates(parseNginx(companion), path)) names.add(name);
    return [...names];
  },
  analyze: (input, rules, lines) =>
    analyzeNginx(
      input.text,
      rules.filter(isNginxRule),
      lines,
      input.companions,
      input.onRule,
      {
        path: input.path,
        ...(input.location !== undefined ? { location: input.location } : {}),
      },
      input.outside,
    ),
};
