const NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;

/** Adds, subtracts, multiplies and divides two numbers written `a op b`; nothing else is accepted. */
export function evaluate(expression: string): number {
  const match = /^(.+?)([-+*/])(.+)$/.exec(expression);
  if (!match || !NUMBER.test(match[1]) || !NUMBER.test(match[3])) throw new Error('not an arithmetic expression');
  const [a, b] = [Number(match[1]), Number(match[3])];
  switch (match[2]) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    default:
      return a / b;
  }
}
