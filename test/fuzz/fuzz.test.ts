// The bounded slice of the fuzzer that runs in npm test (about 20 s), plus every input that ever
// failed, kept under test/fuzz/regressions/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fuzz, generators, regressionsDir, runOne, saveRegression, targets, warmUp } from './fuzzer';

describe('fuzzing', () => {
  it('replays every saved regression', () => {
    warmUp();
    for (const name of readdirSync(regressionsDir).filter((n) => n.endsWith('.txt'))) {
      const input = readFileSync(join(regressionsDir, name), 'utf8');
      const target = targets.find((t) => name.includes(`.${t.path.replace(/[^A-Za-z0-9.]/g, '_')}.`)) ?? targets[0];
      assert.equal(runOne(target, input), undefined, name);
    }
  });

  it('survives a bounded run of every generator on every language', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261124);
    const report = fuzz(seed, Date.now() + Number(process.env.FUZZ_SECONDS ?? 20) * 1000);
    console.log(`# fuzz: seed ${seed}, ${report.inputs} inputs, per generator ${JSON.stringify(report.byGenerator)}`);
    for (const failure of report.failures) console.log(`# kept ${saveRegression(failure)}: ${failure.generator} on ${failure.target}: ${failure.message}`);
    assert.ok(generators.every((g) => (report.byGenerator[g.name] ?? 0) > 0), 'every generator ran');
    assert.deepEqual(report.failures.map((f) => `${f.generator} on ${f.target}: ${f.message}`), []);
  });
});
