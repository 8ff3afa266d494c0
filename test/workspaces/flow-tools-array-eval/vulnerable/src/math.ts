export function evaluate(expression: string): number {
  const compiled = new Function(`return (${expression});`);
  return Number(compiled());
}
