// The file types the engine analyzes, one adapter each. A new file type is a folder under
// languages/ with its adapter, and one line here.
import type { LanguageAdapter } from '../core/language';
import type { LanguageId } from '../core/rule';
import { typeScriptFacts } from '../knowledge/facts';
import { typeScriptFlows } from '../knowledge/flows';
import { dockerfileAdapter } from '../languages/dockerfile';
import { mcpConfigAdapter } from '../languages/mcpconfig';
import { nginxAdapter } from '../languages/nginx';
import { createTypeScriptAdapter } from '../languages/typescript';

export const adapters: readonly LanguageAdapter[] = [
  createTypeScriptAdapter({ facts: typeScriptFacts, flows: typeScriptFlows }),
  dockerfileAdapter,
  nginxAdapter,
  mcpConfigAdapter,
];

const byId = new Map(adapters.map((adapter) => [adapter.id, adapter]));

export function adapterFor(language: LanguageId): LanguageAdapter {
  return byId.get(language)!;
}
