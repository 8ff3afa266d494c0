#!/usr/bin/env node
// The language server for any LSP editor: speaks LSP over standard input and output.
if (
  !process.argv.some(
    (arg) =>
      arg === '--stdio' || arg.startsWith('--node-ipc') || arg.startsWith('--socket') || arg.startsWith('--pipe'),
  )
) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
