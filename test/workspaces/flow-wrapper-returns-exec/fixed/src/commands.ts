const WORD = /^[\w.-]{1,100}$/;

export function grepCommand(pattern: string): string {
  if (!WORD.test(pattern)) throw new Error('patterns are single words');
  return `grep -rn --include='*.md' ${pattern} ./docs`;
}
