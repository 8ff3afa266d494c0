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
