// Deserializers that rebuild functions from their input.
import serialize from 'node-serialize';
import { unserialize } from 'node-serialize';
import funcster from 'funcster';
import Cryo from 'cryo';
import yaml from 'js-yaml';
import type { Request } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

const jsTypes = require('js-yaml-js-types');

export function session(req: Request) {
  const cookie = Buffer.from(req.cookies.profile, 'base64').toString();
  // expect: ts/unsafe-deserialization "cookie"
  return serialize.unserialize(cookie);
}

export function restore(saved: string) {
  // expect: ts/unsafe-deserialization "saved"
  return unserialize(saved);
}

export function plugins(req: Request) {
  // expect: ts/unsafe-deserialization "req.body.plugins"
  return funcster.deepDeserialize(req.body.plugins);
}

export function thaw(req: Request) {
  // expect: ts/unsafe-deserialization "String(req.body)"
  return Cryo.parse(String(req.body));
}

export function config(req: Request) {
  // expect: ts/unsafe-deserialization "schema: yaml.DEFAULT_FULL_SCHEMA"
  return yaml.load(String(req.body), { schema: yaml.DEFAULT_FULL_SCHEMA });
}

const withFunctions = yaml.DEFAULT_SCHEMA.extend(jsTypes.all);

const server = new McpServer({ name: 'yaml', version: '1.0.0' });

server.registerTool('load', { inputSchema: { text: z.string().max(20000) } }, async ({ text }) => {
  // expect: ts/unsafe-deserialization "schema: withFunctions"
  const value = yaml.load(text, { schema: withFunctions, json: true });
  return { content: [{ type: 'text' as const, text: JSON.stringify(value) }] };
});

export function everyDocument(text: string) {
  // expect: ts/unsafe-deserialization "schema: yaml.DEFAULT_FULL_SCHEMA"
  return yaml.loadAll(text, undefined, { schema: yaml.DEFAULT_FULL_SCHEMA });
}
