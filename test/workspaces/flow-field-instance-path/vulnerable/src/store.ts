import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class FileStore {
  constructor(private readonly root: string) {}

  async read(name: string): Promise<string> {
    return readFile(path.join(this.root, name), 'utf8');
  }
}
