import jwt, { type JwtPayload, type VerifyOptions } from 'jsonwebtoken';

const KEY = process.env.JWT_PUBLIC_KEY ?? '';

export function verifyAccessToken(token: string, options?: VerifyOptions): JwtPayload {
  return jwt.verify(token, KEY, options) as JwtPayload;
}
