// The command-line scanner's bundle (dist/cli-main.js), loaded by dist/cli.js (main/cliLoader.ts)
// with a code cache. The build also reads the configuration schema from this bundle, so nothing
// is derived twice.
import { main } from '../cli/main';

export { main };
export { configSchema } from '../engine/configSchema';
