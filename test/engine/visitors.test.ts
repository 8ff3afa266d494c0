// The shared walk of nginx and Dockerfile rules: what each subscription is handed, in which
// order, and that `end` comes after the walk.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../server/src/core/config';
import { analyze } from '../../server/src/engine/analyze';
import type { DockerRule } from '../../server/src/languages/dockerfile/rule';
import type { NginxRule } from '../../server/src/languages/nginx/rule';
import { allRules } from '../../server/src/rules';

const meta = allRules[0].meta;

describe('nginx subscriptions', () => {
  const text =
    'events {}\nhttp {\n  map $a $b { default 0; }\n  server { listen 80; location / { proxy_pass http://app; } }\n  include extra.conf;\n}\n';
  const companions = { 'extra.conf': 'limit_req zone=one;\n' };

  function record(included: boolean): string[] {
    const seen: string[] = [];
    const rule: NginxRule = {
      id: 'test/nginx-visitors',
      language: 'nginx',
      meta,
      create: () => ({
        included,
        directive: (d) => seen.push(`${d.name}${d.isEntry ? ' (entry)' : ''}${d.foreign ? ' (included)' : ''}`),
        directives: {
          location: (d) => seen.push(`location ${d.args[0]?.value}`),
          limit_req: (d) => seen.push(`limit_req ${d.args[0]?.value}`),
        },
        end: () => seen.push('end'),
      }),
    };
    analyze({ path: 'nginx.conf', text, companions }, resolveConfig(undefined), [rule]);
    return seen;
  }

  it('hands every directive written in the file, depth first, and the named ones to their visitors', () => {
    assert.deepEqual(record(false), [
      'events',
      'http',
      'map',
      'default (entry)',
      'server',
      'listen',
      'location',
      'location /',
      'proxy_pass',
      'include',
      'end',
    ]);
  });

  it('hands directives spliced in from included files only to rules that ask for them', () => {
    assert.deepEqual(record(true).slice(-4), ['include', 'limit_req (included)', 'limit_req zone=one', 'end']);
  });
});

describe('Dockerfile subscriptions', () => {
  it('hands each stage’s FROM and instructions in file order, with their stage', () => {
    const seen: string[] = [];
    const rule: DockerRule = {
      id: 'test/docker-visitors',
      language: 'dockerfile',
      meta,
      create: () => ({
        instruction: (i, stage) => seen.push(`${i.getKeyword()} ${stage.index}`),
        FROM: (from, stage) => seen.push(`from ${from.getImage()} ${stage.alias ?? '-'}`),
        RUN: (run) => seen.push(`run ${run.getArgumentsContent()}`),
        end: () => seen.push('end'),
      }),
    };
    const text = 'ARG BASE=node:20\nFROM $BASE AS build\nRUN npm ci\nFROM build\nUSER node\nCMD ["node"]\n';
    analyze({ path: 'Dockerfile', text }, resolveConfig(undefined), [rule]);
    assert.deepEqual(seen, [
      'FROM 0',
      'from $BASE build',
      'RUN 0',
      'run npm ci',
      'FROM 1',
      'from build -',
      'USER 1',
      'CMD 1',
      'end',
    ]);
  });
});

describe('the running rule, told to a watchdog (AnalyzeInput.onRule)', () => {
  it('names each nginx and Dockerfile rule while its code runs, and no rule after the walk', () => {
    const calls: Array<string | undefined> = [];
    let during = '';
    const nginx: NginxRule = {
      id: 'test/nginx-running',
      language: 'nginx',
      meta,
      create: () => ({ directive: () => void (during += `${calls.at(-1)} `) }),
    };
    const docker: DockerRule = {
      id: 'test/docker-running',
      language: 'dockerfile',
      meta,
      create: () => ({
        instruction: () => void (during += `${calls.at(-1)} `),
        end: () => void (during += `end:${calls.at(-1)} `),
      }),
    };
    const onRule = (id: string | undefined): void => void calls.push(id);
    analyze({ path: 'nginx.conf', text: 'events {}\nhttp {}\n', onRule }, resolveConfig(undefined), [nginx]);
    assert.equal(during.trim(), 'test/nginx-running test/nginx-running');
    assert.deepEqual(calls, ['test/nginx-running', undefined], 'told when the rule changes, not at every directive');
    calls.length = 0;
    during = '';
    analyze({ path: 'Dockerfile', text: 'FROM node:22\nUSER node\n', onRule }, resolveConfig(undefined), [docker]);
    assert.equal(during.trim(), 'test/docker-running test/docker-running end:test/docker-running');
    assert.equal(calls.at(-1), undefined);
  });
});
