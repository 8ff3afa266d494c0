/** Values the tool returns are data: parse them, never run them. */
export function run(code: string): unknown {
  return JSON.parse(code);
}
