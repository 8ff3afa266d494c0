// What program a stdio server starts and with which words: `command` and `args`, a `command`
// written as one line (`"npx -y pkg"`), and Windows' `cmd /c npx …` wrapper seen through.
import type { McpServer, StringToken } from './model';

/** One word of a launch, with the span of the JSON string it is (or is part of). */
export interface LaunchWord {
  value: string;
  token: StringToken;
}

export interface Launch {
  /** The program's name, lower case, without its folder and a Windows `.exe`/`.cmd`/`.bat`. */
  program: string;
  programWord: LaunchWord;
  args: LaunchWord[];
  /** The launch went through `cmd /c` (its words after `/c`). */
  viaCmd: boolean;
}

/** `C:\\tools\\npx.cmd` -> `npx`, `/usr/local/bin/uvx` -> `uvx`. */
export function programName(command: string): string {
  const base = command.slice(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
  return base.toLowerCase().replace(/\.(?:exe|cmd|bat)$/, '');
}

/** Words of a string split at white space (no shell quoting: a command line written into one field). */
function words(token: StringToken): LaunchWord[] {
  return token.value
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((value) => ({ value, token }));
}

/** The launch of a stdio server, or undefined when it names no command. */
export function launchOf(server: McpServer): Launch | undefined {
  if (!server.command || server.command.value.trim() === '') return undefined;
  let all: LaunchWord[] = [
    ...words(server.command),
    ...server.args.filter((a): a is StringToken => a !== undefined).map((token) => ({ value: token.value, token })),
  ];
  let viaCmd = false;
  if (all.length > 2 && programName(all[0].value) === 'cmd' && /^\/[cCkK]$/.test(all[1].value)) {
    viaCmd = true;
    // `cmd /c "npx -y pkg"`: the rest may be one element holding the whole line.
    all = all.slice(2).flatMap((w) => (/\s/.test(w.value.trim()) ? words(w.token) : [w]));
  }
  const [first, ...args] = all;
  if (!first) return undefined;
  return { program: programName(first.value), programWord: first, args, viaCmd };
}
