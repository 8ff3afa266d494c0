// Entry of the command-line scanner (dist/cli.js): bin/blah-security.js calls main(). The build
// also reads the configuration schema from this bundle, so nothing is derived twice.
export { main } from '../cli/main';
export { configSchema } from '../engine/configSchema';
