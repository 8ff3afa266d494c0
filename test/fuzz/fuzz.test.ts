// The bounded slice of the fuzzer that runs in npm test (about 20 s), plus every input that ever
// failed, kept under test/fuzz/regressions/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzz, generators, regressions, runOne, saveRegression, warmUp } from './fuzzer';

describe('fuzzing', () => {
  it('replays every saved regression', () => {
    warmUp();
    const saved = regressions();
    assert.ok(saved.length > 0);
    for (const { name, target, input } of saved) assert.equal(runOne(target, input), undefined, name);
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
