// decode for display or for choosing the key, and verify for decisions.
import jwt from 'jsonwebtoken';

const secret = process.env.JWT_SECRET as string;

export function show(token: string) {
  // ok: ts/jwt-decode-without-verify
  console.error('token header', jwt.decode(token, { complete: true })?.header);
}

export function keyId(token: string) {
  // ok: ts/jwt-decode-without-verify
  const decoded = jwt.decode(token, { complete: true });
  return decoded?.header.kid;
}

export function isAdmin(token: string) {
  // ok: ts/jwt-decode-without-verify
  const claims = jwt.verify(token, secret, { algorithms: ['HS256'] }) as { role?: string };
  return claims.role === 'admin';
}

export function expiresAt(token: string) {
  // ok: ts/jwt-decode-without-verify
  const payload = jwt.decode(token) as { exp?: number } | null;
  return payload?.exp;
}

const base64 = { decode: (s: string) => Buffer.from(s, 'base64').toString() };
// ok: ts/jwt-decode-without-verify
if (base64.decode('eA==') === 'x') console.error('ok');
