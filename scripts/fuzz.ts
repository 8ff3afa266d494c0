// npm run fuzz [-- --save]: a long run of the fuzzer (test/fuzz/fuzzer.ts). FUZZ_SECONDS (default
// 300) long, from FUZZ_SEED (default random). It reports and leaves the work tree alone: every
// failing input (a throw, an edit outside the document, a CPU budget overrun, an input that never
// finishes, one that kills the process) is written gzipped to a new temporary folder it names,
// and it exits 1. With --save the inputs go to test/fuzz/regressions/ instead, where npm test
// replays them from then on.
//
// The inputs run in a child process that says which one it is on. One that has not finished
// after FUZZ_HANG_SECONDS (default 60) is a hang, and a child that dies is a crash: the input is
// made again from the seed and its number, and a new child goes on from the next one.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzz, generators, inputAt, regressionsDir, saveInput } from '../test/fuzz/fuzzer';

/** Child to parent: the input it is about to run, a failure it has written, or the end of its run. */
type Message =
  | { index: number; target: string }
  | { failure: { path: string; generator: string; target: string; message: string } }
  | { done: true };

if (process.env.BLAH_FUZZ_CHILD) {
  const { seed, deadline, from, dir } = JSON.parse(process.env.BLAH_FUZZ_CHILD) as {
    seed: number;
    deadline: number;
    from: number;
    dir: string;
  };
  const send = (message: Message): void => void process.send!(message);
  fuzz(seed, deadline, Infinity, {
    from,
    onInput: (index, target) => send({ index, target }),
    onFailure: (failure) =>
      send({
        failure: {
          path: saveInput(failure, dir),
          generator: failure.generator,
          target: failure.target,
          message: failure.message,
        },
      }),
  });
  process.send!({ done: true } satisfies Message, () => process.disconnect());
} else {
  const save = process.argv.includes('--save');
  const seconds = Number(process.env.FUZZ_SECONDS ?? 300);
  const hangMs = Number(process.env.FUZZ_HANG_SECONDS ?? 60) * 1000;
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const deadline = Date.now() + seconds * 1000;
  const dir = save ? regressionsDir : mkdtempSync(join(tmpdir(), 'blah-fuzz-'));
  const byGenerator: Record<string, number> = {};
  const failures: string[] = [];
  let inputs = 0;

  const fail = (what: string): void => {
    failures.push(what);
    console.log(`FAIL ${what}`);
  };

  /** One child, from input `from`; resolves with the input to go on from, or undefined when the run is over. */
  const runChild = (from: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const child: ChildProcess = fork(__filename, [], {
        env: { ...process.env, BLAH_FUZZ_CHILD: JSON.stringify({ seed, deadline, from, dir }) },
      });
      let current: { index: number; target: string } | undefined;
      let heard = Date.now();
      let done = false;
      let settled = false;
      const settle = (next: number | undefined): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        resolve(next);
      };
      /** The child hung or died: the input it was on, made again here and written like the others. */
      const lost = (message: string): void => {
        if (!current)
          return fail(`the fuzzing process ${message} before its first input (while it warmed up on the fixtures)`);
        const made = inputAt(seed, current.index);
        fail(
          `${saveInput({ target: current.target, input: made.input }, dir)}: ${made.generator} on ${current.target}: ${message}`,
        );
      };
      child.on('message', (message: Message) => {
        heard = Date.now();
        if ('index' in message) {
          current = message;
          inputs++;
          const name = generators[message.index % generators.length].name;
          byGenerator[name] = (byGenerator[name] ?? 0) + 1;
        } else if ('failure' in message) {
          fail(
            `${message.failure.path}: ${message.failure.generator} on ${message.failure.target}: ${message.failure.message}`,
          );
        } else {
          done = true;
        }
      });
      // 'close', not 'exit': every message the child sent has arrived.
      child.on('close', (code, signal) => {
        if (settled) return;
        if (done && code === 0) return settle(undefined);
        lost(`died (${signal ?? `exit code ${code}`})`);
        settle(current && Date.now() < deadline ? current.index + 1 : undefined);
      });
      const watchdog = setInterval(() => {
        if (done || Date.now() - heard < hangMs) return;
        lost(`did not finish within ${hangMs / 1000} s (a hang)`);
        settle(current && Date.now() < deadline ? current.index + 1 : undefined);
        child.kill('SIGKILL');
      }, 1000);
    });

  void (async () => {
    const started = Date.now();
    for (let from: number | undefined = 0; from !== undefined;) from = await runChild(from);
    console.log(`seed ${seed}: ${inputs} inputs in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const [name, count] of Object.entries(byGenerator)) console.log(`  ${name.padEnd(34)} ${count}`);
    console.log(`${inputs - failures.length} passed, ${failures.length} failed`);
    if (failures.length > 0) {
      console.log(
        save
          ? `The failing inputs are in ${dir}/, replayed by npm test.`
          : `The failing inputs are in ${dir}/. To replay one in npm test, copy it into test/fuzz/regressions/ (or run again with --save).`,
      );
    } else if (!save && readdirSync(dir).length === 0) {
      rmdirSync(dir);
    }
    process.exit(failures.length > 0 ? 1 : 0);
  })();
}
