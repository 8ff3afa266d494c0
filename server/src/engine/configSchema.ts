// The JSON schema of `.blah-security.json`, generated from the registry at build time so the
// editor completes and checks rule ids.
import { allRules } from '../rules';
import { configuredSeverities } from '../core/rule';

export function configSchema(): object {
  const ruleProperties: Record<string, object> = {};
  for (const rule of allRules) {
    ruleProperties[rule.id] = {
      enum: configuredSeverities,
      description: `${rule.meta.title} (default: ${rule.meta.severity}).`,
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'BLAH Security project configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description:
          'Severity per rule id: "off", "info", "warning" or "error". A key with * is a pattern ("ts/*", "*"); an exact id wins over a pattern, a longer pattern over a shorter one.',
        properties: ruleProperties,
        // Patterns: a star somewhere (whether one matches a rule is checked by the server).
        patternProperties: { '\\*': { enum: configuredSeverities } },
        additionalProperties: false,
      },
      trustedRegistries: {
        type: 'array',
        description:
          'Container registries trusted by docker/untrusted-registry besides the built-in list, e.g. "registry.example.com", "ghcr.io/my-org", "*.example.com" (its subdomains) or "*" (any).',
        items: { type: 'string', minLength: 1 },
      },
      root: {
        type: 'boolean',
        description: 'Stop here: configuration files in folders above this one do not apply.',
      },
      languages: {
        type: 'object',
        description:
          'The language of files whose name does not tell it, by glob pattern relative to this file (.gitignore syntax), e.g. { "deploy/*.tmpl": "nginx" }.',
        additionalProperties: { enum: ['typescript', 'dockerfile', 'nginx'] },
      },
      ignore: {
        type: 'array',
        description: 'Files and folders not to analyze, in .gitignore syntax, relative to this file.',
        items: { type: 'string', minLength: 1 },
      },
    },
  };
}
