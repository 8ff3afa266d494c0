import { execSync } from 'node:child_process';

export class ImageJob {
  constructor(
    private readonly input: string,
    private readonly size: number,
  ) {}

  run(): string {
    return execSync(`convert ${this.input} -thumbnail ${this.size}x${this.size} out.png`, { encoding: 'utf8' });
  }
}
