// Entry of the command-line scanner (dist/cli.js): bin/blah-security.js calls main(), and
// `node dist/cli.js …` runs it too. The build also reads the configuration schema from this
// bundle, so nothing is derived twice.
// First: a scan's analysis worker starts before anything else of the bundle initializes.
import './cliEarly';
import { main } from '../cli/main';

export { main };
export { configSchema } from '../engine/configSchema';

if (require.main === module) main();
