// A stdio server launched from a package registry without an exact version: `npx -y pkg`,
// `pkg@latest`, `uvx pkg`, `pnpm dlx pkg`, `bunx pkg`, `pipx run pkg`. Each start fetches
// whatever version is newest, so whoever publishes the next version (the maintainer, or someone
// who took over the account) runs code on the user's machine with the server's environment: its
// tokens. An exact version (`pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg==1.2.3`) stays quiet; a range
// (`pkg@^1`, `pkg>=1`) is not exact and is reported. Local paths, URLs and git specs are not
// registry packages and stay quiet, and so does a spec made of a `${…}` variable.
import { launchOf, type LaunchWord } from '../../languages/mcpconfig/launch';
import type { McpConfigRule } from '../../languages/mcpconfig/rule';

type Registry = 'npm' | 'pypi';

/** How a launcher reads its words: flags that take a value, and those whose value is a package. */
interface Launcher {
  registry: Registry;
  /** Flags followed by a value (the value is not the package). */
  valued: ReadonlySet<string>;
  /** Flags whose value is a package spec (`-p pkg`, `--from pkg`); the positional is then a command name. */
  packageFlags: ReadonlySet<string>;
  /** Flags whose value is a further package that runs too (`uvx --with pkg`). */
  extraPackageFlags?: ReadonlySet<string>;
}

const npmLike: Launcher = {
  registry: 'npm',
  valued: new Set([
    '--registry',
    '--cache',
    '--userconfig',
    '--prefix',
    '--loglevel',
    '-w',
    '--workspace',
    '-c',
    '--call',
  ]),
  packageFlags: new Set(['-p', '--package']),
};
const uvx: Launcher = {
  registry: 'pypi',
  valued: new Set([
    '--python',
    '-p',
    '--index',
    '--index-url',
    '-i',
    '--extra-index-url',
    '--default-index',
    '--find-links',
    '-f',
    '--constraint',
    '-c',
    '--override',
    '--with-editable',
    '--with-requirements',
    '--cache-dir',
    '--directory',
    '--project',
    '--config-file',
    '--exclude-newer',
    '--index-strategy',
    '--keyring-provider',
    '--resolution',
    '--prerelease',
    '--python-platform',
    '--allow-insecure-host',
    '--env-file',
    '--color',
  ]),
  packageFlags: new Set(['--from']),
  extraPackageFlags: new Set(['--with', '-w']),
};
const pipxRun: Launcher = {
  registry: 'pypi',
  valued: new Set(['--python', '--index-url', '-i', '--pip-args']),
  packageFlags: new Set(['--spec']),
};

/** The launcher a launch starts and the words after its subcommand, if it is one. */
function launcherOf(
  program: string,
  args: readonly LaunchWord[],
): { launcher: Launcher; name: string; rest: LaunchWord[] } | undefined {
  const sub = args[0]?.value;
  switch (program) {
    case 'npx':
    case 'pnpx':
    case 'bunx':
      return { launcher: npmLike, name: program, rest: [...args] };
    case 'npm':
      return sub === 'exec' || sub === 'x' ? { launcher: npmLike, name: `npm ${sub}`, rest: args.slice(1) } : undefined;
    case 'pnpm':
    case 'yarn':
      return sub === 'dlx' ? { launcher: npmLike, name: `${program} dlx`, rest: args.slice(1) } : undefined;
    case 'bun':
      return sub === 'x' ? { launcher: npmLike, name: 'bun x', rest: args.slice(1) } : undefined;
    case 'uvx':
      return { launcher: uvx, name: 'uvx', rest: [...args] };
    case 'uv':
      return sub === 'tool' && args[1]?.value === 'run'
        ? { launcher: uvx, name: 'uv tool run', rest: args.slice(2) }
        : undefined;
    case 'pipx':
      return sub === 'run' ? { launcher: pipxRun, name: 'pipx run', rest: args.slice(1) } : undefined;
    default:
      return undefined;
  }
}

/** The package specs a launcher's words name (a positional, or the values of its package flags). */
function packageSpecs(launcher: Launcher, words: readonly LaunchWord[]): LaunchWord[] {
  const fromFlags: LaunchWord[] = [];
  const extras: LaunchWord[] = [];
  let positional: LaunchWord | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const value = word.value;
    if (value === '--') {
      positional ??= words[i + 1];
      break;
    }
    if (value.startsWith('-')) {
      const eq = value.indexOf('=');
      const flag = eq > 0 ? value.slice(0, eq) : value;
      const inline = eq > 0 ? { value: value.slice(eq + 1), token: word.token } : undefined;
      const takes =
        launcher.packageFlags.has(flag) || launcher.extraPackageFlags?.has(flag) || launcher.valued.has(flag);
      if (!takes) continue;
      const argument = inline ?? words[++i];
      if (!argument) break;
      if (launcher.packageFlags.has(flag)) fromFlags.push(argument);
      else if (launcher.extraPackageFlags?.has(flag)) extras.push(argument);
      continue;
    }
    positional = word;
    break;
  }
  // With `-p pkg` / `--from pkg` the positional is the command the package provides.
  return [...(fromFlags.length > 0 ? fromFlags : positional ? [positional] : []), ...extras];
}

const exactSemver = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const npmName = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;
const pypiName = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[A-Za-z0-9._,\s-]*\])?$/;
const exactPep440 = /^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/;

/** Why a spec is not pinned to one version ("no version", "@latest", "a range"), or undefined when it is, or is no registry package. */
function unpinnedBecause(registry: Registry, spec: string): string | undefined {
  if (spec.includes('${') || spec.includes('$')) return undefined;
  if (
    /^(?:\.{0,2}\/|~|[A-Za-z]:\\|file:|git\+|git:|github:|https?:|npm:|workspace:)/.test(spec) ||
    spec.includes('://')
  )
    return undefined;
  if (registry === 'npm') {
    const at = spec.indexOf('@', 1);
    const name = at < 0 ? spec : spec.slice(0, at);
    if (!npmName.test(name)) return undefined;
    if (at < 0) return 'no version';
    const version = spec.slice(at + 1);
    if (exactSemver.test(version)) return undefined;
    if (/^[A-Za-z][\w.-]*$/.test(version)) return `the ${version} tag`;
    return `the range ${version}`;
  }
  // The name, then an operator and the rest, split by hand (a regular expression of overlapping
  // runs backtracks polynomially on a long name that does not end well).
  const m = splitRequirement(spec);
  if (!m || !pypiName.test(m[1])) return undefined;
  const [, , operator, version] = m;
  if (!operator) return 'no version';
  if ((operator === '==' || operator === '===' || operator === '@') && exactPep440.test(version.trim()))
    return undefined;
  if (operator === '@' && /^[A-Za-z]+$/.test(version)) return `@${version}`;
  return `the range ${operator}${version}`;
}

export const unpinnedPackage: McpConfigRule = {
  id: 'mcp/unpinned-package',
  language: 'mcp-config',
  meta: {
    title: 'MCP server launched from an unpinned package',
    summary:
      '`npx -y pkg`, `pkg@latest`, `uvx pkg`, `pnpm dlx`, `bunx` without an exact version in an MCP client configuration',
    severity: 'warning',
    guideSection: 'Dependency Security › Keep dependencies updated (beyond: supply chain)',
    checklistItem: 'dependencies-updated',
    description:
      "A server is started with npx, uvx, pnpm dlx, bunx or pipx run from a package without an exact version. Every start downloads whatever version is newest and runs it on your machine with the server's environment, tokens included: whoever publishes the next version (or takes over the maintainer's account) runs code as you.",
    remedy: 'Pin an exact version (`pkg@1.2.3`, `pkg==1.2.3`) and update it deliberately, after reading what changed.',
  },
  create(context) {
    return {
      server(server) {
        const launch = launchOf(server);
        if (!launch) return;
        const found = launcherOf(launch.program, launch.args);
        if (!found) return;
        for (const spec of packageSpecs(found.launcher, found.rest)) {
          const why = unpinnedBecause(found.launcher.registry, spec.value.trim());
          if (!why) continue;
          const example = found.launcher.registry === 'npm' ? 'pkg@1.2.3' : 'pkg==1.2.3';
          context.report({
            start: spec.token.start,
            end: spec.token.end,
            message: `The ${server.name} server runs ${found.name} ${spec.value.trim()} with ${why}: each start fetches the newest version and runs it with the server's environment, so whoever publishes the next one runs code on this machine. Pin an exact version (${example}).`,
          });
        }
      },
    };
  },
};

/** `name`, `operator` and `version` of a requirement like `pkg==1.2`, `pkg @ 1`, `pkg`; undefined without a name. */
function splitRequirement(spec: string): [string, string, string | undefined, string] | undefined {
  let end = 0;
  while (end < spec.length && !/[=<>!~@\s]/.test(spec[end])) end++;
  if (end === 0) return undefined;
  const name = spec.slice(0, end);
  const rest = spec.slice(end).trimStart();
  const operator = ['===', '==', '~=', '>=', '<=', '!=', '>', '<', '@'].find((op) => rest.startsWith(op));
  return [spec, name, operator, (operator ? rest.slice(operator.length) : rest).trim()];
}
