import path from 'node:path';

export const normalizePath = (value: string): string => path.normalize(value.replace(/\\/g, '/'));
