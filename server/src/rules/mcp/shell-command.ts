// A server started through a shell script: `bash -c "cd x && npm start"`, `cmd /c "a & b"`, or a
// `command` that is a whole shell line (`"npm run build && node dist/index.js"`). What runs is
// no longer one program a reviewer can read off the configuration: a script chains programs
// (`curl … | sh` fetches and runs code at every start), each of them gets the server's
// environment with its tokens, and a `${input:…}` value the client substitutes into the script is
// parsed by the shell, so a value with `;` in it runs commands. A shell started for one program
// (`cmd /c npx -y pkg`, `bash -c "exec node server.js"`) stays quiet; operators inside quotes do not count.
import { launchOf, type LaunchWord } from '../../languages/mcpconfig/launch';
import type { McpConfigRule } from '../../languages/mcpconfig/rule';

const shells = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh', 'fish', 'cmd', 'powershell', 'pwsh']);

/** The shell operator of a script outside its quotes (`&&`, `||`, `|`, `;`, `&`, `` ` ``, `$(`), if any. */
export function shellOperator(script: string, cmd: boolean): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && !cmd) i++;
      continue;
    }
    if (c === '\\' && !cmd) {
      i++;
      continue;
    }
    if (c === '"' || (c === "'" && !cmd)) {
      quote = c;
      continue;
    }
    if (c === '&') return script[i + 1] === '&' ? '&&' : '&';
    if (c === '|') return script[i + 1] === '|' ? '||' : '|';
    if (c === ';' && !cmd) return ';';
    if (c === '`' && !cmd) return '`';
    if (c === '$' && script[i + 1] === '(' && !cmd) return '$(';
    if (c === '\n') return 'a line break';
  }
  return undefined;
}

/** The script flag of a shell: `-c`, `/c`, `/k`, `-Command`. */
function isScriptFlag(shell: string, flag: string): boolean {
  if (shell === 'cmd') return /^\/[cCkK]$/.test(flag);
  if (shell === 'powershell' || shell === 'pwsh') return /^-(?:c|command)$/i.test(flag);
  // `-c`, `-lc`, `-ec`: bundled short options that end with c.
  return /^-[a-z]*c$/.test(flag);
}

export const shellCommand: McpConfigRule = {
  id: 'mcp/shell-command',
  language: 'mcp-config',
  meta: {
    title: 'MCP server started through a shell script',
    summary: 'an MCP server started through a shell script that chains commands (`&&`, pipes, `;`)',
    severity: 'warning',
    guideSection: 'Input Validation › Sanitize inputs (beyond: MCP client configuration)',
    checklistItem: 'access-controls',
    description:
      "A server is started by a shell running a script that chains programs (&&, ||, |, ;), or its command is a whole shell line. The configuration no longer says which program runs: every program of the script gets the server's environment with its tokens, `curl … | sh` fetches and runs new code at every start, and a variable the client substitutes into the script (${input:…}) is parsed by the shell, so a value with ; in it runs commands.",
    remedy:
      'Name the program in `command` and its arguments in `args`; move any setup into a script file in the repository that can be reviewed.',
  },
  create(context) {
    return {
      server(server) {
        const command = server.command;
        if (!command) return;
        // A whole shell line in `command` (no args): run through a shell by the clients that split it.
        const cmdLine = /\s/.test(command.value.trim()) ? shellOperator(command.value, false) : undefined;
        if (cmdLine) {
          context.report({
            start: command.start,
            end: command.end,
            message: `The ${server.name} server's command is a shell line (with ${cmdLine}): name one program in command and its arguments in args.`,
          });
          return;
        }
        const launch = launchOf(server);
        if (!launch) return;
        // `cmd /c` seen through by launchOf: the words after it are the script.
        const shell = launch.viaCmd ? 'cmd' : launch.program;
        if (!shells.has(shell)) return;
        let script: LaunchWord[] | undefined;
        if (launch.viaCmd) script = [launch.programWord, ...launch.args];
        else {
          const at = launch.args.findIndex((w) => isScriptFlag(shell, w.value));
          if (at < 0) return;
          // sh -c takes one word as the script; cmd and PowerShell take the rest of the line.
          script =
            shell === 'cmd' || shell === 'powershell' || shell === 'pwsh'
              ? launch.args.slice(at + 1)
              : launch.args.slice(at + 1, at + 2);
        }
        for (const word of script) {
          // A word alone that is an operator (`cmd /c a && b` split into args) counts as well.
          const operator = shellOperator(word.value, shell === 'cmd');
          if (!operator) continue;
          context.report({
            start: word.token.start,
            end: word.token.end,
            message: `The ${server.name} server is started by ${shell} running a script with ${operator}: every program in it gets the server's environment, and values substituted into it are parsed by the shell. Name one program in command and its arguments in args.`,
          });
          return;
        }
      },
    };
  },
};
