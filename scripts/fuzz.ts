// npm run fuzz: a long fuzzing run (FUZZ_SECONDS, default 300; FUZZ_SEED, default random).
// Failing inputs are saved under test/fuzz/regressions/, where npm test replays them.
import { fuzz, saveRegression } from '../test/fuzz/fuzzer';

const seconds = Number(process.env.FUZZ_SECONDS ?? 300);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const report = fuzz(seed, Date.now() + seconds * 1000);
console.log(`seed ${seed}: ${report.inputs} inputs in ${seconds} s`);
for (const [name, count] of Object.entries(report.byGenerator)) console.log(`  ${name.padEnd(34)} ${count}`);
for (const failure of report.failures) console.log(`FAIL ${saveRegression(failure)}: ${failure.generator} on ${failure.target}: ${failure.message}`);
console.log(`${report.inputs - report.failures.length} passed, ${report.failures.length} failed`);
process.exit(report.failures.length > 0 ? 1 : 0);
