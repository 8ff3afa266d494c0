// Reads fixture markers: `expect: <rule-id> "<flagged text>"` and `ok: <rule-id>` in a comment
// apply to the next line that is not itself a marker line.
export interface ExpectMarker {
  ruleId: string;
  /** Exact flagged text, or a prefix when it ends with `…`. */
  text?: string;
  line: number;
  markerLine: number;
}
export interface OkMarker {
  ruleId: string;
  line: number;
  markerLine: number;
}

const markerPattern = /(expect|ok):\s*([a-z]+\/[a-z0-9-]+)(?:\s+"((?:[^"\\]|\\.)*)")?/g;
const commentStart = /\/\/|\/\*|#/;

export function readMarkers(text: string): { expects: ExpectMarker[]; oks: OkMarker[] } {
  const lines = text.split(/\r\n|\n|\r/);
  const expects: ExpectMarker[] = [];
  const oks: OkMarker[] = [];
  let pending: Array<{ kind: string; ruleId: string; text?: string; markerLine: number }> = [];
  lines.forEach((line, index) => {
    const comment = commentStart.exec(line);
    const found: typeof pending = [];
    if (comment) {
      const commentText = line.slice(comment.index);
      for (const m of commentText.matchAll(markerPattern)) {
        found.push({ kind: m[1], ruleId: m[2], text: m[3]?.replace(/\\(.)/g, '$1'), markerLine: index });
      }
    }
    const markerOnly = found.length > 0 && line.slice(0, comment!.index).trim() === '';
    if (markerOnly) {
      pending.push(...found);
      return;
    }
    for (const marker of pending) {
      if (marker.kind === 'expect')
        expects.push({ ruleId: marker.ruleId, text: marker.text, line: index, markerLine: marker.markerLine });
      else oks.push({ ruleId: marker.ruleId, line: index, markerLine: marker.markerLine });
    }
    pending = [];
  });
  return { expects, oks };
}

export function textMatches(expected: string, actual: string): boolean {
  return expected.endsWith('…') ? actual.startsWith(expected.slice(0, -1)) : actual === expected;
}

/**
 * Where the engine is told a fixture lives. MCP client configurations are known by their path
 * alone (`.vscode/mcp.json`), so their fixtures carry the shape in their name and are analyzed
 * at that path: `invalid.vscode-mcp.json` as `src/invalid/.vscode/mcp.json`. Others are `src/<name>`.
 */
const mcpConfigShapes: ReadonlyArray<readonly [suffix: string, path: string]> = [
  ['.vscode-mcp.json', '.vscode/mcp.json'],
  ['.vscode-settings.json', '.vscode/settings.json'],
  ['.cursor-mcp.json', '.cursor/mcp.json'],
  ['.claude-code.json', '.mcp.json'],
  ['.claude-desktop.json', 'claude_desktop_config.json'],
  ['.gemini-settings.json', '.gemini/settings.json'],
  ['.generic-mcp.json', 'mcp.json'],
];

export function fixturePath(fileName: string): string {
  for (const [suffix, path] of mcpConfigShapes)
    if (fileName.endsWith(suffix)) return `src/${fileName.slice(0, -suffix.length)}/${path}`;
  return `src/${fileName}`;
}
