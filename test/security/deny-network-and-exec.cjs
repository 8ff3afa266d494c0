// Preloaded into the CLI and the server by test/security/isolation.test.ts: any attempt to open a
// network connection, resolve a host name or start a process throws, and says so on stderr.
'use strict';
const deny = (what) =>
  function denied() {
    const error = new Error(`blocked by test: ${what}`);
    process.stderr.write(`BLOCKED ${what}\n`);
    throw error;
  };
const net = require('node:net');
net.connect = net.createConnection = deny('net.connect');
net.Socket.prototype.connect = deny('net.Socket.connect');
for (const name of ['node:http', 'node:https']) {
  const module = require(name);
  module.request = module.get = deny(`${name}.request`);
}
require('node:tls').connect = deny('tls.connect');
require('node:dgram').createSocket = deny('dgram.createSocket');
const dns = require('node:dns');
dns.lookup = dns.resolve = deny('dns.lookup');
dns.promises.lookup = deny('dns.promises.lookup');
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  childProcess[name] = deny(`child_process.${name}`);
if (typeof globalThis.fetch === 'function') globalThis.fetch = deny('fetch');
