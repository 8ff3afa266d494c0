// docker/untrusted-registry with the project's "trustedRegistries": hosts, namespaces and the
// wildcard entries (`*.example.com`, `*`) that the configuration accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProjectConfig, resolveConfig } from '../../../../server/src/core/config';
import { analyze } from '../../../../server/src/engine/analyze';
import { ruleIds } from '../../../../server/src/rules';

const dockerfile = [
  'FROM registry.example.com/platform/node:20 AS one',
  'FROM build.ci.example.com/base/python:3.12 AS two',
  'FROM ghcr.io/my-org/tools:1 AS three',
  'FROM ghcr.io/other-org/tools:1 AS four',
  'FROM quay.io/team-a/base:2 AS five',
  'FROM myhubuser/base:1',
  'COPY --from=ghcr.io/my-org/uv:1 /uv /uv',
  'USER 1000',
  'HEALTHCHECK CMD ["true"]',
  '',
].join('\n');

function flagged(entries: readonly string[]): string[] {
  const { config, problems } = parseProjectConfig(JSON.stringify({ trustedRegistries: entries }), ruleIds);
  assert.deepEqual(
    problems.map((p) => p.message),
    [],
  );
  const result = analyze({ path: 'Dockerfile', text: dockerfile }, resolveConfig(config));
  return result.findings
    .filter((f) => f.ruleId === 'docker/untrusted-registry')
    .map((f) => dockerfile.split('\n')[f.range.start.line].split(' ')[1].replace(/^--from=/, ''));
}

describe('docker/untrusted-registry and trustedRegistries', () => {
  it('trusts nothing beyond the built-in list without entries', () => {
    assert.deepEqual(flagged([]), [
      'registry.example.com/platform/node:20',
      'build.ci.example.com/base/python:3.12',
      'ghcr.io/my-org/tools:1',
      'ghcr.io/other-org/tools:1',
      'quay.io/team-a/base:2',
      'myhubuser/base:1',
      'ghcr.io/my-org/uv:1',
    ]);
  });

  it('trusts a host, a namespace, and a Docker Hub namespace', () => {
    assert.deepEqual(flagged(['registry.example.com', 'ghcr.io/my-org', 'docker.io/myhubuser']), [
      'build.ci.example.com/base/python:3.12',
      'ghcr.io/other-org/tools:1',
      'quay.io/team-a/base:2',
    ]);
  });

  it('trusts every subdomain of a *.domain entry, and any one segment for a * segment', () => {
    assert.deepEqual(flagged(['*.example.com', 'quay.io/*/base']), [
      'ghcr.io/my-org/tools:1',
      'ghcr.io/other-org/tools:1',
      'myhubuser/base:1',
      'ghcr.io/my-org/uv:1',
    ]);
  });

  it('trusts everything for "*", and all of ghcr.io for an entry that names it', () => {
    assert.deepEqual(flagged(['*']), []);
    assert.deepEqual(flagged(['ghcr.io']), [
      'registry.example.com/platform/node:20',
      'build.ci.example.com/base/python:3.12',
      'quay.io/team-a/base:2',
      'myhubuser/base:1',
    ]);
  });

  it('still rejects entries that are not registries', () => {
    for (const entry of ['https://registry.example.com', 'registry example', '**.example.com', 'a/**']) {
      const { problems } = parseProjectConfig(JSON.stringify({ trustedRegistries: [entry] }), ruleIds);
      assert.equal(problems.length, 1, entry);
    }
  });
});
