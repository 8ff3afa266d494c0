// Closed schemas, non-object schemas, zod shapes and plain data with a `properties` key.
import Ajv from 'ajv';
import { z } from 'zod';

const ajv = new Ajv();

// ok: ts/ajv-additional-properties
export const closed = ajv.compile({ type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false });
// ok: ts/ajv-additional-properties
export const unevaluated = ajv.compile({ type: 'object', properties: { id: { type: 'integer' } }, unevaluatedProperties: false });
// ok: ts/ajv-additional-properties
export const list = ajv.compile({ type: 'array', items: { type: 'string' } });
// ok: ts/ajv-additional-properties
export const tool = { name: 'x', inputSchema: { query: z.string().max(100) } };
// ok: ts/ajv-additional-properties
export const building = { properties: { floors: { count: 3 } }, address: 'Main St' };

// A tool that declares no argument: nothing for an extra field to ride along with.
export const pingTool = {
  name: 'ping',
  description: 'Health check',
  // ok: ts/ajv-additional-properties
  inputSchema: { type: 'object', properties: {} },
};

export const listTool = {
  name: 'list_roots',
  inputSchema: {
    type: 'object',
    // ok: ts/ajv-additional-properties
    properties: {},
    required: [],
  },
};

// ok: ts/ajv-additional-properties
const noArguments = { type: 'object', properties: {} };
export const cleanupTool = { name: 'cleanup', inputSchema: noArguments };

// A closed schema with a shared property schema: the const itself is a string schema.
const contextParameter = { type: 'string', description: 'Cluster context' };
export const closedTool = {
  name: 'context',
  // ok: ts/ajv-additional-properties
  inputSchema: { type: 'object', properties: { context: contextParameter }, additionalProperties: false },
};
