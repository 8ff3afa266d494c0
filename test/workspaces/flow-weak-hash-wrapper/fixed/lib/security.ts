import crypto from 'node:crypto';

/** A salted scrypt hash, stored as salt:hash. */
export const hash = (data: string): string => {
  const salt = crypto.randomBytes(16);
  return `${salt.toString('hex')}:${crypto.scryptSync(data, salt, 32).toString('hex')}`;
};

export function etagOf(body: string): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}
