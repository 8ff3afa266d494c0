// Destructured key generators that use the connection's address or an authenticated identity.
import rateLimit from 'express-rate-limit';

export const byAddress = rateLimit({
  // ok: ts/rate-limit-spoofable-key
  keyGenerator: ({ ip }) => ip ?? 'unknown',
});

export const byUser = rateLimit({
  // ok: ts/rate-limit-spoofable-key
  keyGenerator: ({ user, ip }: { user?: { id: string }; ip?: string }) => user?.id ?? ip ?? '',
});

export const ignoresHeaders = rateLimit({
  // ok: ts/rate-limit-spoofable-key
  keyGenerator: ({ headers, ip }) => (headers ? ip : ip) ?? '',
});
