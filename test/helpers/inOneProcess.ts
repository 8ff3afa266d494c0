// Loads the test files BLAH_SECURITY_TEST_FILES names (comma-separated, relative to the
// repository) into this one process, for `scripts/run-tests.mjs --quick`: one start of Node, tsx
// and the compiler instead of one per file (about 2 s each). npm test keeps a process per file.
import { join } from 'node:path';

for (const file of (process.env.BLAH_SECURITY_TEST_FILES ?? '').split(',').filter(Boolean)) require(join(__dirname, '..', '..', file));
