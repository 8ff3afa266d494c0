// Strings compiled as code.
import vm from 'node:vm';
import type { Request } from 'express';

export function calc(req: Request) {
  // expect: ts/code-injection "req.body.expression"
  return eval(req.body.expression);
}

export function template(source: string) {
  // expect: ts/code-injection "`return \\`${source}\\``"
  return new Function('data', `return \`${source}\``);
}

export function sandbox(code: string) {
  // expect: ts/code-injection "code"
  return vm.runInNewContext(code, {});
}

export function later(req: Request) {
  // expect: ts/code-injection "'handle(' + req.query.id + ')'"
  setTimeout('handle(' + req.query.id + ')', 100);
}

export function script(code: string) {
  // expect: ts/code-injection "code"
  return new vm.Script(code);
}

export function global(input: string) {
  // expect: ts/code-injection "input"
  return globalThis.eval(input);
}
