// Data-only parsing: JSON, js-yaml's default and safe schemas, and constant input.
import serialize from 'node-serialize';
import yaml from 'js-yaml';
import { parse } from 'yaml';
import type { Request } from 'express';

export function json(req: Request) {
  // ok: ts/unsafe-deserialization
  return JSON.parse(String(req.body));
}

export function yamlDefault(req: Request) {
  // ok: ts/unsafe-deserialization
  return yaml.load(String(req.body));
}

export function yamlCore(req: Request) {
  // ok: ts/unsafe-deserialization
  return yaml.load(String(req.body), { schema: yaml.CORE_SCHEMA });
}

export function yamlSafeV3(text: string) {
  // ok: ts/unsafe-deserialization
  return yaml.load(text, { schema: yaml.DEFAULT_SAFE_SCHEMA });
}

export function constant() {
  // ok: ts/unsafe-deserialization
  return serialize.unserialize('{"a":1}');
}

export function writes(value: unknown) {
  // ok: ts/unsafe-deserialization
  return serialize.serialize(value);
}

export function eemeliYaml(req: Request) {
  // ok: ts/unsafe-deserialization
  return parse(String(req.body));
}

const store = { unserialize: (text: string) => text.split(',') };
export function local(req: Request) {
  // ok: ts/unsafe-deserialization
  return store.unserialize(String(req.body));
}
