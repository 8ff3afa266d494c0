import { FileStore } from './store.js';

export class ToolService {
  private readonly store: FileStore;

  constructor(root: string) {
    this.store = new FileStore(root);
  }

  async readFile(args: { file: string }): Promise<string> {
    return this.store.read(args.file);
  }
}
