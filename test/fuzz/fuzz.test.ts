// The bounded slice of the fuzzer that runs in npm test (about 20 s), plus every input that ever
// failed, kept under test/fuzz/regressions/. A failing input of the bounded run is written to a
// temporary folder, not into the work tree: copy it into test/fuzz/regressions/ to keep it.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fuzz, generators, regressions, runOne, saveInput, warmUp } from './fuzzer';

describe('fuzzing', () => {
  it('replays every saved regression', () => {
    warmUp();
    const saved = regressions();
    assert.ok(saved.length > 0);
    for (const { name, target, input } of saved) assert.equal(runOne(target, input), undefined, name);
  });

  it('survives a bounded run of every generator on every language', (t) => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261124);
    const report = fuzz(seed, Date.now() + Number(process.env.FUZZ_SECONDS ?? 20) * 1000);
    t.diagnostic(`fuzz: seed ${seed}, ${report.inputs} inputs, per generator ${JSON.stringify(report.byGenerator)}`);
    if (report.failures.length > 0) {
      const dir = mkdtempSync(join(tmpdir(), 'blah-fuzz-'));
      for (const failure of report.failures)
        t.diagnostic(
          `failing input ${saveInput(failure, dir)}: ${failure.generator} on ${failure.target}: ${failure.message}`,
        );
    }
    assert.ok(
      generators.every((g) => (report.byGenerator[g.name] ?? 0) > 0),
      'every generator ran',
    );
    assert.deepEqual(
      report.failures.map((f) => `${f.generator} on ${f.target}: ${f.message}`),
      [],
    );
  });
});
