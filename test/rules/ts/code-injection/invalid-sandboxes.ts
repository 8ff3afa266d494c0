// Sandboxes that do not hold (vm2, safe-eval, safer-eval), the mathjs parser fed a tool
// argument, and code whose origin decides the severity.
import vm from 'node:vm';
import { VM, NodeVM, VMScript } from 'vm2';
import safeEval from 'safe-eval';
import * as math from 'mathjs';
import type { Request } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const saferEval = require('safer-eval');

export function runSnippet(req: Request) {
  const sandbox = new VM({ timeout: 500 });
  // expect: ts/code-injection "req.body.snippet"
  return sandbox.run(req.body.snippet);
}

export function plugin(source: string) {
  // expect: ts/code-injection "source"
  return new NodeVM({ console: 'off' }).run(source);
}

export function compiled(req: Request) {
  // expect: ts/code-injection "String(req.query.code)"
  return new VMScript(String(req.query.code));
}

export function formula(req: Request) {
  // expect: ts/code-injection "`(${req.body.formula})`"
  return safeEval(`(${req.body.formula})`, { Math });
}

export function rule(text: string) {
  // expect: ts/code-injection "text"
  return saferEval(text);
}

const server = new McpServer({ name: 'calc', version: '1.0.0' });

server.registerTool('calc', { inputSchema: { expression: z.string().max(200) } }, async ({ expression }) => {
  // expect: ts/code-injection "expression"
  const value = math.evaluate(expression);
  return { content: [{ type: 'text' as const, text: String(value) }] };
});

export function score(req: Request, context: vm.Context) {
  const bonus = req.query.bonus;
  // expect: ts/code-injection "`${Math.floor(Math.random() * 10)} + ${bonus}`"
  return vm.runInContext(`${Math.floor(Math.random() * 10)} + ${bonus}`, context);
}

export function loadPlugin(req: Request) {
  // expect: ts/code-injection "`import(${JSON.stringify(req.params.name)})`"
  return eval(`import(${JSON.stringify(req.params.name)})`);
}

export function quoted(name: string) {
  // A JSON text inside a quoted string of the generated code: its quotes end that string.
  // expect: ts/code-injection "\"greet('\" + JSON.stringify(name) + \"')\""
  return eval("greet('" + JSON.stringify(name) + "')");
}
