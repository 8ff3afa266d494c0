// Hang detectors for tests (ReDoS, the fuzzer's budget): how much CPU a piece of work takes, not
// how long the clock ran, so other processes on a busy machine do not count. A run over the
// budget is repeated, three runs in all, and the least is kept: a garbage collection or code the
// JIT has not compiled yet is not a hang, and a hang is over budget every time. Speed itself is
// measured by the bench (npm run bench), not asserted by tests.
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function cpuMsOf(work: () => void, budgetMs: number): number {
  let least = Infinity;
  for (let run = 0; run < 3 && least >= budgetMs; run++) {
    const started = cpuMs();
    work();
    least = Math.min(least, cpuMs() - started);
  }
  return least;
}
