// Key generators that destructure the request read the same client-written headers.
import rateLimit from 'express-rate-limit';

export const byForwardedFor = rateLimit({
  windowMs: 60_000,
  limit: 50,
  // expect: ts/rate-limit-spoofable-key "headers['x-forwarded-for']"
  keyGenerator: ({ headers, ip }) => headers['x-forwarded-for'] ?? ip,
});

export const byRealIp = rateLimit({
  // expect: ts/rate-limit-spoofable-key "headers['x-real-ip']"
  keyGenerator: ({ headers, ip: address }) => headers['x-real-ip'] ?? address,
});

export const renamed = rateLimit({
  keyGenerator({ headers: h }) {
    // expect: ts/rate-limit-spoofable-key "h.forwarded"
    return String(h.forwarded);
  },
});

export const nested = rateLimit({
  // expect: ts/rate-limit-spoofable-key "'x-forwarded-for': forwarded"
  keyGenerator: ({ headers: { 'x-forwarded-for': forwarded } }) => String(forwarded),
});

export const noIp = rateLimit({
  // expect: ts/rate-limit-spoofable-key "headers['x-client-id']"
  keyGenerator: ({ headers }) => String(headers['x-client-id']),
});
