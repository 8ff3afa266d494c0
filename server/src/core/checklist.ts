// The guide's 11 checklist items, in the guide's order. Rules name the item they inform.
// `shortTitle` is the item's name where space is short (a side bar row); `title` is the guide's.
export const checklistItems = [
  { id: 'https', title: 'HTTPS enabled for all production endpoints', shortTitle: 'HTTPS everywhere' },
  { id: 'authentication', title: 'Authentication implemented for all API endpoints', shortTitle: 'Authentication' },
  { id: 'rate-limiting', title: 'Rate limiting configured', shortTitle: 'Rate limiting' },
  { id: 'input-validation', title: 'Input validation for all parameters', shortTitle: 'Input validation' },
  { id: 'no-hardcoded-secrets', title: 'No hardcoded secrets or credentials', shortTitle: 'No hardcoded secrets' },
  { id: 'dependencies-updated', title: 'Dependencies regularly updated', shortTitle: 'Dependencies updated' },
  {
    id: 'error-handling',
    title: "Error handling that doesn't leak sensitive information",
    shortTitle: 'Error handling',
  },
  { id: 'logging', title: 'Logging configured (without sensitive data)', shortTitle: 'Logging' },
  { id: 'access-controls', title: 'Proper access controls implemented', shortTitle: 'Access controls' },
  { id: 'security-headers', title: 'Security headers configured', shortTitle: 'Security headers' },
  { id: 'security-testing', title: 'Regular security testing', shortTitle: 'Security testing' },
] as const;

export type ChecklistItemId = (typeof checklistItems)[number]['id'];
