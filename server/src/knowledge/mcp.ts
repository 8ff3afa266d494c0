// MCP server shapes: tool registrations (`server.tool`, `server.registerTool`,
// `setRequestHandler(CallToolRequestSchema, …)`), transports, and whether the file is an MCP server.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import type { CallFilter } from '../languages/typescript/rule';
import { bindingOfIdentifier, importedModules } from '../languages/typescript/modules';
import { propertyNameText, skipOuterExpressions } from '../languages/typescript/values';
import { fieldLooseness, schemaLooseness } from './schemas';

/** Whether the file imports the MCP SDK (or a module under `@modelcontextprotocol/`). */
export function importsMcpSdk(file: TsFile): boolean {
  return file.cached('importsMcpSdk', () =>
    [...importedModules(file)].some((m) => m.startsWith('@modelcontextprotocol/')),
  );
}

export interface ToolRegistration {
  call: ts.CallExpression;
  method: 'tool' | 'registerTool';
  /** The tool's input schema expression (a zod raw shape, z.object, or JSON schema), if any. */
  schema?: ts.Expression;
  handler?: ts.FunctionLikeDeclaration;
}

function isFunction(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** `server.tool(name, [description], [schema], [annotations], handler)` / `server.registerTool(name, config, handler)` in an MCP file. */
export const toolRegistrationNames = ['tool', 'registerTool'];

/** The calls asToolRegistration can accept, for a rule's `calls` filter. */
export const toolRegistrationCalls: CallFilter = { names: new Set(toolRegistrationNames) };

export function asToolRegistration(file: TsFile, call: ts.CallExpression): ToolRegistration | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  if (method !== 'tool' && method !== 'registerTool') return undefined;
  if (
    call.arguments.length < 2 ||
    (!ts.isStringLiteralLike(skipOuterExpressions(call.arguments[0])) && !ts.isIdentifier(call.arguments[0]))
  )
    return undefined;
  if (!importsMcpSdk(file)) return undefined;
  const last = skipOuterExpressions(call.arguments[call.arguments.length - 1]);
  const handler = isFunction(last) ? last : undefined;
  if (method === 'registerTool') {
    const config = skipOuterExpressions(call.arguments[1]);
    let schema: ts.Expression | undefined;
    if (ts.isObjectLiteralExpression(config)) {
      const property = config.properties.find(
        (p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'inputSchema',
      );
      if (property && ts.isPropertyAssignment(property)) schema = property.initializer;
      else if (property && ts.isShorthandPropertyAssignment(property)) schema = property.name;
      else if (config.properties.some((p) => ts.isSpreadAssignment(p))) schema = config;
    } else {
      schema = config; // a config built elsewhere: assume it may carry a schema
    }
    return { call, method, schema, handler };
  }
  // tool(): the arguments between the name and the handler are description (string),
  // schema (object) and annotations (object, after a schema).
  const middle = call.arguments.slice(1, handler ? -1 : undefined).map(skipOuterExpressions);
  const schema = middle.find((a) => !ts.isStringLiteralLike(a) && !ts.isTemplateExpression(a));
  return { call, method, schema, handler };
}

/**
 * Whether a function is an MCP tool handler: `arguments` when its first parameter is the
 * tool's arguments, `request` when it is a low-level CallTool request handler.
 */
export function isToolHandler(file: TsFile, fn: ts.SignatureDeclaration): 'arguments' | 'request' | undefined {
  if (isDeclaredToolHandler(fn)) return 'arguments';
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression))
    return handlerByReference(file, fn);
  return handlerIn(file, call, fn);
}

/**
 * Whether a tool's input schema checks the content of its field `name` (an enum, a number, a
 * regex): the SDK validates the arguments against it before the handler runs. `fn` is the
 * handler, written in the registration.
 */
export function toolFieldIsChecked(file: TsFile, fn: ts.SignatureDeclaration, name: string): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  // Asked for every parameter property the taint walk meets: answer each handler once.
  const schemas = file.cached('toolSchemas', () => new Map<ts.Node, ts.Expression | null>());
  let found = schemas.get(fn);
  if (found === undefined) {
    const registration = asToolRegistration(file, call);
    found = registration?.schema && registration.handler === fn ? registration.schema : null;
    schemas.set(fn, found);
  }
  if (!found) return false;
  const schema = skipOuterExpressions(found);
  if (ts.isObjectLiteralExpression(schema)) {
    // A raw shape: { mode: z.enum([…]), path: z.string() }
    for (const property of schema.properties)
      if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === name)
        return schemaLooseness(file, property.initializer) === 'constrained';
    return false;
  }
  return fieldLooseness(file, schema, name) === 'constrained';
}

/** A named function registered by name: `const handler = async (args) => …; server.registerTool('x', config, handler)`. */
function handlerByReference(file: TsFile, fn: ts.SignatureDeclaration): 'arguments' | 'request' | undefined {
  const name = ts.isFunctionDeclaration(fn)
    ? fn.name?.text
    : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        ts.isVariableDeclaration(fn.parent) &&
        ts.isIdentifier(fn.parent.name)
      ? fn.parent.name.text
      : undefined;
  if (!name) return undefined;
  for (const call of registrationsByHandlerName(file).get(name) ?? []) {
    const identifier = call.arguments[call.arguments.length - 1] as ts.Identifier;
    const declaration = file.resolve(identifier);
    if (declaration !== fn && !(declaration && ts.isVariableDeclaration(declaration) && declaration === fn.parent))
      continue;
    const found = handlerIn(file, call, identifier);
    if (found) return found;
  }
  return undefined;
}

/** Registration-like calls (`x.tool(…)`, `x.registerTool(…)`, `x.setRequestHandler(…)`) by the name their last argument is. */
function registrationsByHandlerName(file: TsFile): Map<string, ts.CallExpression[]> {
  return file.cached('registrationsByHandlerName', (f: TsFile) => {
    const byName = new Map<string, ts.CallExpression[]>();
    if (!/\b(?:tool|registerTool|setRequestHandler)\s*\(/.test(f.text)) return byName;
    for (const call of f.nodesOfKind(ts.SyntaxKind.CallExpression)) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee) || !registrationMethods.has(callee.name.text)) continue;
      const last = call.arguments[call.arguments.length - 1];
      if (!last || !ts.isIdentifier(last)) continue;
      const list = byName.get(last.text);
      if (list) list.push(call);
      else byName.set(last.text, [call]);
    }
    return byName;
  });
}

const registrationMethods = new Set(['tool', 'registerTool', 'setRequestHandler']);

/** What a registration call makes of its argument `handler` (a function, or a name of one). */
function handlerIn(file: TsFile, call: ts.CallExpression, handler: ts.Node): 'arguments' | 'request' | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'setRequestHandler' && call.arguments.length >= 2) {
    const schema = skipOuterExpressions(call.arguments[0]);
    if (ts.isIdentifier(schema) && schema.text === 'CallToolRequestSchema') return 'request';
    if (ts.isPropertyAccessExpression(schema) && schema.name.text === 'CallToolRequestSchema') return 'request';
    return undefined;
  }
  const registration = asToolRegistration(file, call);
  if (!registration) return undefined;
  const last = call.arguments[call.arguments.length - 1];
  if (registration.handler !== handler && !(ts.isIdentifier(handler) && last === handler)) return undefined;
  return registration.schema ? 'arguments' : undefined;
}

/** Property names a tool declared as an object gives its handler. */
const handlerProperties = new Set(['handler', 'execute', 'run', 'call', 'callback', 'handle']);

/**
 * A tool declared as data (`{ name: 'run', inputSchema, handler: async (args) => … }`, in a
 * tools array or an exported object): the handler's first parameter is the tool's arguments.
 * Both a name and an input schema make the object a tool, whether or not the file imports the SDK.
 */
function isDeclaredToolHandler(fn: ts.SignatureDeclaration): boolean {
  let object: ts.Node | undefined;
  let name: ts.PropertyName | undefined;
  if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent)) {
    object = fn.parent;
    name = fn.name;
  } else if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isPropertyAssignment(fn.parent)) {
    object = fn.parent.parent;
    name = fn.parent.name;
  }
  if (!object || !name || !ts.isObjectLiteralExpression(object) || !ts.isIdentifier(name)) return false;
  if (!handlerProperties.has(name.text)) return false;
  let named = false;
  let schema = false;
  for (const property of object.properties) {
    const key = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (key === 'name') named = true;
    if (key === 'inputSchema' || key === 'input_schema' || key === 'parameters') schema = true;
  }
  return named && schema;
}

const httpTransports = new Set(['StreamableHTTPServerTransport', 'SSEServerTransport']);

/** `new StreamableHTTPServerTransport(…)` / `new SSEServerTransport(…)` from the SDK. */
export function isHttpTransportCreation(file: TsFile, node: ts.NewExpression): boolean {
  const callee = skipOuterExpressions(node.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  if (!httpTransports.has(name)) return false;
  if (ts.isIdentifier(callee)) {
    const binding = bindingOfIdentifier(file, callee);
    return binding === undefined ? importsMcpSdk(file) : binding.module.startsWith('@modelcontextprotocol/');
  }
  return importsMcpSdk(file);
}

/** Whether the file creates or imports a stdio transport (its stdout is the protocol stream). */
export function usesStdioTransport(file: TsFile): boolean {
  if (!importsMcpSdk(file)) return false;
  for (const statement of file.sourceFile.statements) {
    if (
      ts.isImportDeclaration(statement) &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      /@modelcontextprotocol\/sdk\/server\/stdio/.test(statement.moduleSpecifier.text)
    )
      return true;
  }
  return file.text.includes('StdioServerTransport') && createsTransport(file, stdioTransports);
}

/** Whether the file serves MCP over HTTP (creates an HTTP transport). */
export function usesHttpTransport(file: TsFile): boolean {
  return (
    importsMcpSdk(file) &&
    /StreamableHTTPServerTransport|SSEServerTransport/.test(file.text) &&
    createsTransport(file, httpTransports)
  );
}

const stdioTransports: ReadonlySet<string> = new Set(['StdioServerTransport']);

/** `new X(…)` (or `new sdk.X(…)`) for one of `names`, in the code (not in a comment or a string). */
function createsTransport(file: TsFile, names: ReadonlySet<string>): boolean {
  return file.nodesOfKind(ts.SyntaxKind.NewExpression).some((node) => {
    const callee = skipOuterExpressions((node as ts.NewExpression).expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return names.has(name);
  });
}
