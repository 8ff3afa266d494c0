// Constant code, functions passed to timers, JSON parsing and local functions named eval.
import vm from 'node:vm';

// ok: ts/code-injection
export const two = eval('1 + 1');
// ok: ts/code-injection
export const add = new Function('a', 'b', 'return a + b');
// ok: ts/code-injection
setTimeout(() => undefined, 100);
// ok: ts/code-injection
export const parsed = JSON.parse('{"a":1}');
// ok: ts/code-injection
export const context = vm.createContext({});

const engine = { eval: (expression: string) => expression.length };
export function run(input: string) {
  // ok: ts/code-injection
  return engine.eval(input);
}

export function timer(handler: () => void, ms: number) {
  // ok: ts/code-injection
  setInterval(handler, ms);
}
