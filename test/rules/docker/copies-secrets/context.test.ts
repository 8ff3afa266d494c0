// docker/copies-secrets with a build context above the Dockerfile's folder: the context is told
// by COPY sources rooted at an ancestor or by the nearest ancestor .dockerignore written for
// them, and its .dockerignore (and a copied .npmrc) is read there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, companionFiles } from '../../../../server/src/engine/analyze';
import type { Finding } from '../../../../server/src/core/rule';

/** Analyzes `text` as `path`, with the given files (names relative to the Dockerfile) and every other companion absent. */
function findings(path: string, text: string, files: Record<string, string>): Finding[] {
  const names = companionFiles(path, undefined, text);
  const companions = Object.fromEntries(names.map((name) => [name, files[name] ?? null]));
  return analyze({ path, text, companions }).findings.filter((f) => f.ruleId === 'docker/copies-secrets');
}

const lines = (...l: string[]): string => l.join('\n') + '\n';

describe('docker/copies-secrets and the build context', () => {
  it('reads the .dockerignore of an ancestor whose path the COPY sources start with', () => {
    const text = lines(
      'FROM node:20-alpine',
      'WORKDIR /app',
      'COPY services/api/package.json ./',
      'COPY . .',
      'USER node',
      'CMD ["node", "services/api/server.js"]',
    );
    // The repository root excludes .env: nothing to report, though services/api has no .dockerignore.
    assert.deepEqual(findings('services/api/Dockerfile', text, { '../../.dockerignore': '.env\n.env.*\n*.pem\n*.key\n' }), []);
    // The root's .dockerignore lets .env in: reported against it, with the fix for the project root.
    const [finding] = findings('services/api/Dockerfile', text, { '../../.dockerignore': 'node_modules\n' });
    assert.match(finding.message, /build context is \.\.\/\.\./);
    assert.match(finding.message, /\.\.\/\.\.\/\.dockerignore does not exclude \.env/);
    assert.deepEqual(finding.fixes?.[0]?.appendToFile, {
      path: '.dockerignore',
      relativeTo: 'project',
      lines: ['.env', '.env.*', '*.pem', '*.key'],
    });
  });

  it('keeps the own folder for a one-folder prefix that only some sources have (the pkg/pkg layout)', () => {
    const text = lines(
      'FROM python:3.12-slim',
      'WORKDIR /srv',
      'COPY pyproject.toml ./',
      'COPY evaluator/ ./evaluator/',
      'COPY . .',
      'USER 1000',
      'CMD ["python", "-m", "evaluator"]',
    );
    const [finding] = findings('evaluator/Dockerfile', text, { '.dockerignore': 'dist\n', '../.dockerignore': '.env\n' });
    assert.match(finding.message, /and \.dockerignore does not exclude \.env/);
  });

  it('takes the nearest ancestor .dockerignore that names the copied folders when the own folder has none', () => {
    const text = lines(
      'FROM node:20-alpine',
      'WORKDIR /e2e',
      'COPY package.json webapp-lib ./',
      'COPY . .',
      'USER node',
      'CMD ["npm", "test"]',
    );
    const [finding] = findings('ci/Dockerfile.e2e', text, { '../.dockerignore': 'webapp-lib/node_modules/\n.git/\n' });
    assert.match(finding.message, /\.\.\/\.dockerignore does not exclude \.env/);
    // An ancestor .dockerignore that names nothing the file copies says nothing about the context.
    const [own] = findings('ci/Dockerfile.e2e', text, { '../.dockerignore': 'node_modules/\n.git/\n' });
    assert.match(own.message, /there is no \.dockerignore/);
  });

  it('reads a copied .npmrc from the context: settings only are quiet, a token is an error, unreadable a warning', () => {
    const text = lines(
      'FROM node:20-alpine',
      'WORKDIR /app',
      'COPY apps/web/package.json apps/web/.npmrc ./',
      'RUN npm ci',
      'USER node',
      'CMD ["node", "server.js"]',
    );
    const path = 'apps/web/Dockerfile';
    assert.deepEqual(findings(path, text, { '../../apps/web/.npmrc': 'engine-strict=true\n' }), []);
    const [token] = findings(path, text, { '../../apps/web/.npmrc': '//registry.npmjs.org/:_authToken=npm_fixture000\n' });
    assert.equal(token.severity, 'error');
    const [unread] = findings(path, text, {});
    assert.equal(unread.severity, 'warning');
    assert.match(unread.message, /could not be read/);
  });
});
