import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class FileStore {
  constructor(private readonly root: string) {}

  async read(name: string): Promise<string> {
    const full = path.resolve(this.root, name);
    if (path.relative(this.root, full).startsWith('..')) throw new Error('outside the store');
    return readFile(full, 'utf8');
  }
}
