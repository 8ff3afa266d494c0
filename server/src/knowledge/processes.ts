// Running programs: which calls start a process (child_process, execa, cross-spawn, shelljs), and
// under which names a file reaches them. Shared by the command- and argument-injection rules.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import { bindingOfIdentifier, moduleMemberOf } from '../languages/typescript/modules';

export const shellRunners: ReadonlySet<string> = new Set(['exec', 'execSync']);
/** execa's command-string runners: no shell, but the string picks the program and its arguments. */
export const commandStringRunners: ReadonlySet<string> = new Set(['execaCommand', 'execaCommandSync']);
/** Runners of a program with an argument list. */
export const spawners: ReadonlySet<string> = new Set([
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync',
  'execa',
  'execaSync',
]);
/** Modules whose spawners take a `shell` option. */
export const shellOptionModules: ReadonlySet<string> = new Set(['child_process', 'execa', 'cross-spawn']);
export const processModules = ['child_process', 'shelljs', 'execa', 'cross-spawn'];
export const processRunners: ReadonlySet<string> = new Set([
  ...shellRunners,
  ...commandStringRunners,
  ...spawners,
  'sync',
]);

/**
 * The runner a callee is: a module member (`exec`, `cp.exec`, `promisify(exec)` under any name),
 * or cross-spawn's default export (`spawn(…)`, `spawn.sync(…)`).
 */
export function runnerOf(file: TsFile, callee: ts.Expression): { module: string; member: string } | undefined {
  const member = moduleMemberOf(file, callee);
  if (member && member.module === 'cross-spawn')
    return member.member === 'sync' ? { module: 'cross-spawn', member: 'spawnSync' } : undefined;
  if (member) return member;
  if (ts.isIdentifier(callee)) {
    const binding = bindingOfIdentifier(file, callee);
    if (binding?.module === 'cross-spawn' && (binding.imported === 'default' || binding.imported === '*'))
      return { module: 'cross-spawn', member: 'spawn' };
  }
  return undefined;
}
