// Loads the test files BLAH_SECURITY_TEST_FILES names (comma-separated, relative to the
// repository) into this one process, for `scripts/run-tests.mjs --quick`: one start of Node, tsx
// and the compiler instead of one per file (about 2 s each). npm test keeps a process per file.
import { join } from 'node:path';

// Dynamic, synchronous loading in order is what this file is for.
for (const file of (process.env.BLAH_SECURITY_TEST_FILES ?? '').split(',').filter(Boolean)) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, '..', '..', file));
}
