import open from 'open';

export class Browser {
  async show(address: string): Promise<void> {
    await open(address, { wait: false });
  }
}
