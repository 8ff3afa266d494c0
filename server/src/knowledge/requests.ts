// Outgoing HTTP requests: the global fetch, node-fetch, undici, axios (and its instances), got,
// ky, superagent, needle and http(s).request/get. Rules ask for the URL and options of a call.
import ts from 'typescript';
import type { TsFile } from '../languages/typescript/file';
import type { CallFilter } from '../languages/typescript/rule';
import { bindingOfIdentifier, creationOf, moduleMemberOf, namesReaching } from '../languages/typescript/modules';
import { propertyValue, skipOuterExpressions } from '../languages/typescript/values';

export interface OutgoingRequest {
  call: ts.CallExpression;
  /** The URL argument (string, URL object or template), when the call has one. */
  url?: ts.Expression;
  /** The options/config object argument, when present. */
  options?: ts.Expression;
  client: string;
}

const clientModules = new Set([
  'node-fetch',
  'undici',
  'axios',
  'got',
  'ky',
  'superagent',
  'needle',
  'cross-fetch',
  'isomorphic-fetch',
  'request',
  'phin',
  'http',
  'https',
]);
const verbs = new Set([
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'request',
  'fetch',
  'stream',
  'del',
]);

const clientModuleList = [...clientModules];

/** The calls asOutgoingRequest can accept, for a rule's `calls` filter: verbs, fetch, and names that reach a client. */
export const outgoingRequestCalls: CallFilter = {
  names: new Set([...verbs, 'fetch']),
  reaching: { key: 'httpClients', modules: clientModuleList },
};

/**
 * Whether the object a verb is called on can come from a client module: its access chain
 * (`client.api.get`, `axios.create().get`) starts at a name that reaches one, or at a
 * `require()`/`import()` call. Spares the resolution of every `map.get()` in the file.
 */
function reachesClient(file: TsFile, object: ts.Expression): boolean {
  let root = object;
  for (;;) {
    root = skipOuterExpressions(root);
    if (ts.isAwaitExpression(root) || ts.isPropertyAccessExpression(root) || ts.isNewExpression(root))
      root = root.expression;
    else if (ts.isCallExpression(root)) {
      if (ts.isIdentifier(root.expression) && root.expression.text === 'require') return true;
      if (root.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
      root = root.expression;
    } else break;
  }
  return ts.isIdentifier(root) && namesReaching(file, 'httpClients', clientModuleList).has(root.text);
}

function isObjectLike(e: ts.Expression): boolean {
  return ts.isObjectLiteralExpression(skipOuterExpressions(e));
}

/** The URL and options of an outgoing request call, or undefined when `call` is not one (decided once per call and file). */
export function asOutgoingRequest(file: TsFile, call: ts.CallExpression): OutgoingRequest | undefined {
  const answers = file.cached('outgoingRequests', newRequestTable);
  let answer = answers.get(call);
  if (answer === undefined) answers.set(call, (answer = outgoingRequest(file, call) ?? null));
  return answer ?? undefined;
}

const newRequestTable = (): Map<ts.CallExpression, OutgoingRequest | null> => new Map();

function outgoingRequest(file: TsFile, call: ts.CallExpression): OutgoingRequest | undefined {
  const callee = skipOuterExpressions(call.expression);
  const args = call.arguments;
  const first = args[0];
  if (ts.isIdentifier(callee)) {
    if (callee.text === 'fetch' && file.resolve(callee) === undefined)
      return { call, url: first, options: args[1], client: 'fetch' };
    if (!namesReaching(file, 'httpClients', clientModuleList).has(callee.text)) return undefined;
    const binding = bindingOfIdentifier(file, callee);
    if (!binding || !clientModules.has(binding.module)) return undefined;
    const { module, imported } = binding;
    if (module === 'http' || module === 'https') {
      if (imported !== 'request' && imported !== 'get') return undefined;
      return first && isObjectLike(first)
        ? { call, options: first, client: module }
        : { call, url: first, options: args[1] && isObjectLike(args[1]) ? args[1] : undefined, client: module };
    }
    if (imported !== 'default' && imported !== '*' && !verbs.has(imported)) return undefined;
    if (first && isObjectLike(first)) return { call, options: first, client: module };
    return { call, url: first, options: args[1], client: module };
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const verb = callee.name.text;
    if (!verbs.has(verb) || !reachesClient(file, callee.expression)) return undefined;
    const member = moduleMemberOf(file, callee);
    let module = member && clientModules.has(member.module) ? member.module : undefined;
    if (!module) {
      // An instance: axios.create(), got.extend(), new undici.Client()
      const created = creationOf(file, callee.expression);
      if (created && clientModules.has(created.module) && created.module !== 'http' && created.module !== 'https')
        module = created.module;
    }
    if (!module) return undefined;
    if (first && isObjectLike(first) && verb === 'request') return { call, options: first, client: module };
    return { call, url: first, options: args.length > 1 ? args[args.length - 1] : undefined, client: module };
  }
  return undefined;
}

/** Option names of HTTP clients that hold (part of) the URL a request goes to. */
const urlOptions = ['url', 'baseURL', 'prefixUrl', 'host', 'hostname', 'origin'];

/** Every expression an outgoing request takes its destination from: the URL argument and the URL options. */
export function requestDestinations(request: OutgoingRequest): ts.Expression[] {
  const found: ts.Expression[] = request.url ? [request.url] : [];
  for (const name of urlOptions) {
    const value = propertyValue(request.options, name);
    if (value) found.push(value);
  }
  return found;
}

/** The URL an outgoing request is written with: the URL argument, else its `url` or `baseURL` option. */
export function requestUrl(request: OutgoingRequest): ts.Expression | undefined {
  return request.url ?? propertyValue(request.options, 'url') ?? propertyValue(request.options, 'baseURL');
}
