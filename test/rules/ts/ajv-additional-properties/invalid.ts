// Object schemas that accept any extra property.
import Ajv, { type JSONSchemaType } from 'ajv';
import { limitParameter } from './shared-parameters';

const ajv = new Ajv();

interface Note { title: string; body: string }

export const noteSchema: JSONSchemaType<Note> = {
  type: 'object',
  // expect: ts/ajv-additional-properties "properties"
  properties: { title: { type: 'string' }, body: { type: 'string' } },
  required: ['title', 'body'],
};

const userSchema = {
  type: 'object',
  // expect: ts/ajv-additional-properties "properties"
  properties: {
    name: { type: 'string' },
    // expect: ts/ajv-additional-properties "properties"
    address: { type: 'object', properties: { city: { type: 'string' } } },
  },
};
export const validateUser = ajv.compile(userSchema);

// expect: ts/ajv-additional-properties "properties"
export const inline = ajv.validate({ type: 'object', properties: { id: { type: 'integer' } } }, {});

export const tool = {
  name: 'search',
  inputSchema: {
    type: 'object',
    // expect: ts/ajv-additional-properties "properties"
    properties: { query: { type: 'string', maxLength: 200 } },
    required: ['query'],
  },
};

// A property schema shared through a const of the file (or imported from another module) does not
// hide the open object around it.
const contextParameter = { type: 'string', description: 'Cluster context' };
// expect: ts/ajv-additional-properties "properties"
const address = { type: 'object', properties: { city: { type: 'string' } } };

export const scaleTool = {
  name: 'scale',
  inputSchema: {
    type: 'object',
    // expect: ts/ajv-additional-properties "properties"
    properties: { replicas: { type: 'number' }, context: contextParameter, limit: limitParameter },
  },
};

export const moveTool = {
  name: 'move',
  inputSchema: {
    type: 'object',
    // expect: ts/ajv-additional-properties "properties"
    properties: { address, context: contextParameter },
  },
};

// A tool with no declared argument but a free-form object argument is still open.
export const tagTool = {
  name: 'tag',
  inputSchema: {
    type: 'object',
    // expect: ts/ajv-additional-properties "properties"
    properties: {
      // expect: ts/ajv-additional-properties "properties"
      labels: { type: 'object', properties: {} },
    },
  },
};

// An empty schema given to ajv validates data the code goes on to use: any object passes.
// expect: ts/ajv-additional-properties "properties"
export const anyBody = ajv.compile({ type: 'object', properties: {} });
