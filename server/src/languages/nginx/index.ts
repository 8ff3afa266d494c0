// The nginx adapter: names and content that make a file nginx, the includes its analysis reads,
// and the analysis itself.
import { DEFAULT_MAX_FILE_SIZE } from '../../core/config';
import type { LanguageAdapter } from '../../core/language';
import type { RuleBase } from '../../core/rule';
import { analyzeNginx } from './analyze';
import { looksLikeNginx, nginxNameClaim, templateLanguage } from './detect';
import { includedPaths, parseNginx } from './parser';
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
  companions: (text) => (text.length > DEFAULT_MAX_FILE_SIZE ? [] : includedPaths(parseNginx(text))),
  analyze: (input, rules, lines) =>
    analyzeNginx(input.text, rules.filter(isNginxRule), lines, input.companions, input.onRule),
};
