// The guide's 11 checklist items, in the guide's order. Rules name the item they inform.
export const checklistItems = [
  { id: 'https', title: 'HTTPS enabled for all production endpoints' },
  { id: 'authentication', title: 'Authentication implemented for all API endpoints' },
  { id: 'rate-limiting', title: 'Rate limiting configured' },
  { id: 'input-validation', title: 'Input validation for all parameters' },
  { id: 'no-hardcoded-secrets', title: 'No hardcoded secrets or credentials' },
  { id: 'dependencies-updated', title: 'Dependencies regularly updated' },
  { id: 'error-handling', title: "Error handling that doesn't leak sensitive information" },
  { id: 'logging', title: 'Logging configured (without sensitive data)' },
  { id: 'access-controls', title: 'Proper access controls implemented' },
  { id: 'security-headers', title: 'Security headers configured' },
  { id: 'security-testing', title: 'Regular security testing' },
] as const;

export type ChecklistItemId = (typeof checklistItems)[number]['id'];
