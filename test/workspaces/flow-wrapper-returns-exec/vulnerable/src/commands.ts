export function grepCommand(pattern: string): string {
  return `grep -rn --include='*.md' ${pattern} ./docs`;
}
