// A value stored by the constructor and used by a method, or read through a getter.
import { execSync } from 'node:child_process';
import type { Request } from 'express';

class Job {
  constructor(private readonly target: string) {}

  get commandLine(): string {
    return `make ${this.target}`;
  }

  run(): string {
    // expect: ts/command-injection "this.commandLine"
    return execSync(this.commandLine, { encoding: 'utf8' });
  }
}

class Deploy {
  private readonly branch: string;

  constructor(branch: string) {
    this.branch = branch;
  }

  start(): void {
    // expect: ts/command-injection "`git checkout ${this.branch}`"
    execSync(`git checkout ${this.branch}`);
  }
}

export function build(req: Request) {
  new Job(String(req.body.target)).run();
  new Deploy(req.query.branch as string).start();
}
