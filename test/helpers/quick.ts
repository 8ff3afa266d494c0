// `npm run test:quick` (scripts/run-tests.mjs --quick) sets BLAH_SECURITY_QUICK_TESTS=1: the few
// slow tests of the files it runs skip, saying so; `npm test` runs them.
export const quickSkip = (what: string): string | false =>
  process.env.BLAH_SECURITY_QUICK_TESTS === '1' ? `npm test runs it (${what}); test:quick skips it` : false;
