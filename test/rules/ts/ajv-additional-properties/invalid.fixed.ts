// Object schemas that accept any extra property.
import Ajv, { type JSONSchemaType } from 'ajv';

const ajv = new Ajv();

interface Note { title: string; body: string }

export const noteSchema: JSONSchemaType<Note> = {
  type: 'object',
  // expect: ts/ajv-additional-properties "properties"
  properties: { title: { type: 'string' }, body: { type: 'string' } },
  additionalProperties: false,
  required: ['title', 'body'],
};

const userSchema = {
  type: 'object',
  // expect: ts/ajv-additional-properties "properties"
  properties: {
    name: { type: 'string' },
    // expect: ts/ajv-additional-properties "properties"
    address: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false },
  },
  additionalProperties: false,
};
export const validateUser = ajv.compile(userSchema);

// expect: ts/ajv-additional-properties "properties"
export const inline = ajv.validate({ type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: false }, {});

export const tool = {
  name: 'search',
  inputSchema: {
    type: 'object',
    // expect: ts/ajv-additional-properties "properties"
    properties: { query: { type: 'string', maxLength: 200 } },
    additionalProperties: false,
    required: ['query'],
  },
};
