// A secret written into an MCP client configuration: an API key in a server's `env`, a bearer
// token in its `headers`, a credential in its `args` or URL. These files are committed
// (`.vscode/mcp.json`, `.mcp.json`) or copied around in issues and blog posts; the secret goes
// with them. Known credential formats count wherever they are; other values only under a
// secret-like name and when they look like a secret (placeholders, `${input:…}` and `${env:…}`
// references stay quiet). The suggestion writes the reference the client expands instead: VS
// Code's `${input:id}` (with a password input added to `inputs`), Cursor's `${env:NAME}`, Claude
// Code's `${NAME}`, Gemini CLI's `${NAME}` in `env`. Claude Desktop expands none: no fix there.
import { modify, type FormattingOptions } from 'jsonc-parser';
import type { DraftFix, OffsetEdit } from '../../core/rule';
import type { McpClient, McpConfigModel, McpServer, StringToken } from '../../languages/mcpconfig/model';
import type { McpConfigRule } from '../../languages/mcpconfig/rule';
import {
  findCredentials,
  identifierWords,
  isPlaceholder,
  isSecretLikeName,
  localDevelopmentDefault,
  looksLikeSecretValue,
  maskSecret,
  toEnvName,
} from '../../knowledge/secrets';

/** Headers that carry a credential whatever their value looks like (`Authorization: Bearer …`). */
const credentialHeader =
  /^(?:authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token)$/i;
/** The scheme before a header's credential. */
const authScheme = /^(?:bearer|basic|token|bot|apikey|api-key)\s+/i;

interface Secret {
  /** What it is, for the message ("a GitHub token", "a secret under GITHUB_TOKEN"). */
  label: string;
  /** The secret itself (never shown whole) and where it sits in the decoded value. */
  secret: string;
  at: number;
  /** The environment variable (or input) name a fix suggests. */
  envName: string;
  /** A credential of a known format (its envName is the format's usual variable). */
  known?: boolean;
}

/** The secret a value holds, if any. `key` is its env variable or header name (undefined in args and URLs). */
function secretIn(value: string, key: string | undefined, header: boolean): Secret | undefined {
  // A reference the client expands (`${input:x}`, `${env:X}`, `${X}`): whatever surrounds it is not the secret.
  if (value.includes('${')) return undefined;
  // `postgres://postgres:postgres@localhost`: a local development default, not a leaked secret.
  if (localDevelopmentDefault(value.trim()) !== undefined) return undefined;
  const [credential] = findCredentials(value);
  if (credential) {
    // A URL's own password is a credential only when it is not a placeholder (the format checks).
    return {
      label: withArticle(credential.format.label),
      secret: credential.value,
      at: credential.start,
      envName: credential.format.envName,
      known: true,
    };
  }
  if (key === undefined) return undefined;
  const named = isSecretLikeName(key) || (header && credentialHeader.test(key));
  if (!named) return undefined;
  const scheme = header ? (authScheme.exec(value)?.[0] ?? '') : '';
  const rest = value.slice(scheme.length);
  if (isPlaceholder(rest) || !looksLikeSecretValue(rest)) return undefined;
  return { label: 'a secret', secret: rest, at: scheme.length, envName: toEnvName(key) };
}

function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/** Enough of a secret to find it again, never enough to use it. */
function masked(secret: string): string {
  return secret.length >= 12 ? maskSecret(secret) : `${secret.slice(0, 2)}…`;
}

/** `GITHUB_TOKEN` -> `github-token`: the id of a VS Code input. */
function inputId(envName: string): string {
  return identifierWords(envName).join('-') || 'secret';
}

/** The indentation the file uses, for the entry a fix adds to `inputs`. */
function formatting(model: McpConfigModel): FormattingOptions {
  const indent = /\n([ \t]+)["{[]/.exec(model.text)?.[1] ?? '  ';
  return indent.startsWith('\t')
    ? { insertSpaces: false, tabSize: 4, eol: model.lines.eol }
    : { insertSpaces: true, tabSize: indent.length, eol: model.lines.eol };
}

const ID_SLOT = '\u0001id\u0001';
const DESCRIPTION_SLOT = '\u0001description\u0001';
const insertions = new WeakMap<McpConfigModel, OffsetEdit[]>();

/**
 * The edits that add an input to `inputs` (creating it if needed), with placeholder id and
 * description, computed once per file: jsonc-parser's modify parses the whole text, and once per
 * finding made a file of thousands of secrets quadratic.
 */
function inputInsertion(model: McpConfigModel): OffsetEdit[] {
  let edits = insertions.get(model);
  if (!edits) {
    const input = { type: 'promptString', id: ID_SLOT, description: DESCRIPTION_SLOT, password: true };
    edits = modify(model.text, [...model.containerPath, 'inputs', -1], input, {
      formattingOptions: formatting(model),
    }).map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
    insertions.set(model, edits);
  }
  return edits;
}

/** The reference a client expands in place of a secret, or undefined when it expands none where the secret is. */
function referenceFor(
  client: McpClient,
  envName: string,
  where: 'env' | 'headers' | 'args' | 'url',
): string | undefined {
  switch (client) {
    case 'vscode':
    case 'vscode-settings':
      return `\${input:${inputId(envName)}}`;
    case 'cursor':
      return `\${env:${envName}}`;
    case 'claude-code':
      return `\${${envName}}`;
    case 'gemini':
      return where === 'env' ? `\${${envName}}` : undefined;
    case 'claude-desktop':
    case 'generic':
      return undefined;
  }
}

function fixFor(
  model: McpConfigModel,
  server: McpServer,
  token: StringToken,
  found: Secret,
  where: 'env' | 'headers' | 'args' | 'url',
  declared: ReadonlySet<string>,
): DraftFix[] {
  const reference = referenceFor(model.client, found.envName, where);
  if (!reference) return [];
  const value = token.value.slice(0, found.at) + reference + token.value.slice(found.at + found.secret.length);
  const edits: OffsetEdit[] = [{ start: token.start, end: token.end, newText: JSON.stringify(value) }];
  const vscode = model.client === 'vscode' || model.client === 'vscode-settings';
  if (vscode) {
    const id = inputId(found.envName);
    if (!declared.has(id)) {
      const input = {
        type: 'promptString',
        id,
        description: `${found.envName.replace(/_/g, ' ').toLowerCase()} for the ${server.name} server`,
        password: true,
      };
      for (const edit of inputInsertion(model)) {
        // The placeholders' JSON text (quotes included) becomes the input's id and description.
        const newText = edit.newText
          .replace(JSON.stringify(ID_SLOT), () => JSON.stringify(input.id))
          .replace(JSON.stringify(DESCRIPTION_SLOT), () => JSON.stringify(input.description));
        edits.push({ ...edit, newText });
      }
    }
    return [{ title: `Prompt for it with \${input:${id}} (a password input)`, kind: 'suggestion', edits }];
  }
  return [
    {
      title: `Read it from the environment: ${reference}`,
      kind: 'suggestion',
      edits,
    },
  ];
}

/** How the client lets the file refer to a secret instead, for the message. */
function instead(client: McpClient): string {
  switch (client) {
    case 'vscode':
    case 'vscode-settings':
      return 'Use an ${input:…} variable with a password input: VS Code prompts once and keeps it in its secret storage.';
    case 'cursor':
      return 'Use ${env:NAME} and set NAME in your environment.';
    case 'claude-code':
      return 'Use ${NAME} and set NAME in your environment.';
    case 'gemini':
      return 'Use $NAME in env and set NAME in your environment.';
    case 'claude-desktop':
      return 'Claude Desktop expands no variables here: keep this file out of the repository and rotate the secret.';
    case 'generic':
      return "Use your client's variable reference (${input:…} in VS Code, ${env:NAME} in Cursor) and rotate the secret.";
  }
}

export const configSecret: McpConfigRule = {
  id: 'mcp/config-secret',
  language: 'mcp-config',
  meta: {
    title: 'Secret in an MCP client configuration',
    summary: "API keys and tokens written into an MCP client configuration's `env`, `headers`, `args` or URL",
    severity: 'error',
    guideSection: 'Protecting Sensitive Information › Never hardcode secrets',
    checklistItem: 'no-hardcoded-secrets',
    description:
      "An MCP client configuration (.vscode/mcp.json, .cursor/mcp.json, .mcp.json, claude_desktop_config.json) holds a credential in a known format, or a secret-looking value under a secret-like name, in a server's env, headers, args or URL. These files are committed with the project, shared in issues and pasted into chats; every copy carries the key.",
    remedy:
      'Refer to the secret instead: ${input:id} with a password input in VS Code, ${env:NAME} in Cursor, ${NAME} in Claude Code, and rotate the key that was written down.',
    hasSuggestions: true,
    hintInTests: true,
  },
  create(context) {
    const { model } = context;
    const declared = model.inputIds();
    const report = (
      server: McpServer,
      token: StringToken,
      secret: Secret,
      where: 'env' | 'headers' | 'args' | 'url',
      key?: string,
    ): void => {
      const found = { ...secret, envName: variableName(server, secret, where, key) };
      const place =
        where === 'env' && key
          ? `env variable ${key}`
          : where === 'headers'
            ? `${key ?? ''} header`
            : where === 'args'
              ? key
                ? `--${key} argument`
                : 'argument'
              : 'URL';
      context.report({
        start: token.start,
        end: token.end,
        message: `The ${server.name} server's ${place} holds ${found.label} ('${masked(found.secret)}'), written into ${fileLabel(model.client)}. ${instead(model.client)}`,
        fixes: () => fixFor(model, server, token, found, where, declared),
      });
    };
    return {
      server(server) {
        for (const { key, value } of server.env) {
          const found = secretIn(value.value, key.value, false);
          if (found) report(server, value, found, 'env', key.value);
        }
        for (const { key, value } of server.headers) {
          const found = secretIn(value.value, key.value, true);
          if (found) report(server, value, found, 'headers', key.value);
        }
        // Arguments: known formats, and the value after a secret-named flag (`--api-key`, `sk-…`).
        server.args.forEach((arg, i) => {
          if (!arg) return;
          const flag = /^--?([A-Za-z][\w-]*)=(.*)$/s.exec(arg.value);
          // `-e GITHUB_TOKEN=ghp_…` (docker run): the variable names the value, as an env entry's key does.
          const assignment = flag ? null : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg.value);
          if (flag) {
            const found = shifted(secretIn(flag[2], flag[1], false), arg.value.length - flag[2].length);
            if (found) report(server, arg, found, 'args', flag[1]);
          } else if (assignment) {
            const found = shifted(secretIn(assignment[2], assignment[1], false), assignment[1].length + 1);
            if (found) report(server, arg, found, 'env', assignment[1]);
          } else {
            const previous = server.args[i - 1]?.value;
            const key = previous && /^--?[A-Za-z][\w-]*$/.test(previous) ? previous.replace(/^-+/, '') : undefined;
            const found = secretIn(arg.value, key, false);
            if (found) report(server, arg, found, 'args', key);
          }
        });
        if (server.url) {
          const query = queryParameterSecret(server.url.value);
          const found = secretIn(server.url.value, undefined, false) ?? query?.secret;
          if (found) report(server, server.url, found, 'url', query?.name);
        }
      },
    };
  },
};

/**
 * The variable a fix names: an env entry's own name (the server reads that variable), a known
 * format's usual name elsewhere, else one made of the server's name and the header or parameter.
 */
function variableName(server: McpServer, secret: Secret, where: string, key: string | undefined): string {
  if (where === 'env' && key && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return key;
  if (secret.known || key === undefined) return secret.envName;
  const prefix = toEnvName(server.name);
  const own = /^(?:proxy-)?authorization$/i.test(key) ? 'TOKEN' : toEnvName(key).replace(/^X_/, '');
  return own.startsWith(`${prefix}_`) ? own : `${prefix}_${own}`;
}

/** A secret found in part of a value, moved to its place in the whole. */
function shifted(found: Secret | undefined, by: number): Secret | undefined {
  return found ? { ...found, at: found.at + by } : undefined;
}

/** `?api_key=…` in a URL: a query parameter with a secret-like name and a secret-looking value. */
function queryParameterSecret(url: string): { secret: Secret; name: string } | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  let at = query + 1;
  for (const part of url.slice(query + 1).split(/[&#]/)) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const name = part.slice(0, eq);
      const value = part.slice(eq + 1);
      if (isSecretLikeName(name) && !isPlaceholder(value) && looksLikeSecretValue(value))
        return {
          secret: {
            label: `a secret in its ${name} parameter`,
            secret: value,
            at: at + eq + 1,
            envName: toEnvName(name),
          },
          name,
        };
    }
    at += part.length + 1;
  }
  return undefined;
}

function fileLabel(client: McpClient): string {
  switch (client) {
    case 'vscode':
      return 'the workspace MCP configuration';
    case 'vscode-settings':
      return 'the workspace settings';
    case 'cursor':
      return "Cursor's MCP configuration";
    case 'claude-code':
      return "Claude Code's project MCP configuration";
    case 'claude-desktop':
      return "Claude Desktop's configuration";
    case 'gemini':
      return "Gemini CLI's settings";
    case 'generic':
      return 'an MCP configuration';
  }
}
