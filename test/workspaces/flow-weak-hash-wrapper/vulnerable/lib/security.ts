import crypto from 'node:crypto';

export const hash = (data: string): string => crypto.createHash('md5').update(data).digest('hex');

export function etagOf(body: string): string {
  return hash(body);
}
