// Code the server writes itself: numbers, constants picked by a number, and JSON-quoted values
// where an expression stands. Nothing a caller sends can become code in it.
import vm from 'node:vm';
import { randomInt } from 'node:crypto';
import { VM } from 'vm2';
import { evaluate, create, all } from 'mathjs';
import type { Request } from 'express';

const OPERATORS = ['+', '-', '*'];

export function captcha(context: vm.Context) {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const c = Math.floor(Math.random() * 5);
  const op = OPERATORS[randomInt(0, OPERATORS.length)];
  const question = `${a} ${op} ${b} + ${c}`;
  // ok: ts/code-injection
  const answer = vm.runInContext(question, context);
  return { question, answer };
}

export async function importFile(file: string) {
  // ok: ts/code-injection
  return eval(`import(${JSON.stringify(file)})`);
}

export function config(settings: Record<string, string>) {
  // ok: ts/code-injection
  return new Function(`return ${JSON.stringify(settings)};`);
}

export function later(ms: number) {
  const delay = ms * 2;
  // ok: ts/code-injection
  setTimeout('tick(' + (delay + 1) + ')', delay);
}

export function fixedSandbox() {
  // ok: ts/code-injection
  return new VM().run('1 + 2');
}

export function convert(value: number) {
  // ok: ts/code-injection
  return evaluate(`${value.toFixed(2)} inch to cm`);
}

const limited = create(all);
export function server(expression: string) {
  // A parameter of unknown origin: the mathjs parser is a sandbox of its own, nothing to say.
  // ok: ts/code-injection
  return limited.evaluate(expression);
}

const hardened = create(all);
hardened.import(
  {
    import: () => {
      throw new Error('disabled');
    },
    createUnit: () => {
      throw new Error('disabled');
    },
  },
  { override: true },
);
export function hardenedRoute(req: Request) {
  // ok: ts/code-injection
  return hardened.evaluate(String(req.body.expression));
}
