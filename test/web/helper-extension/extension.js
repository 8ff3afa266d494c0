// A read-only workspace for the real-editor tests: the fixture folder served by test/web/server.ts
// at /workspace, under the `blahtest:` scheme. Writes stay in memory, so fixtures never change.
const vscode = require('vscode');

function activate(context) {
  const memory = new Map();
  const url = (uri, query) =>
    `${context.extensionUri.scheme}://${context.extensionUri.authority}/workspace${uri.path}${query ? '?' + query : ''}`;
  const changed = new vscode.EventEmitter();
  const notFound = (uri) => vscode.FileSystemError.FileNotFound(uri);
  const provider = {
    onDidChangeFile: changed.event,
    watch: () => new vscode.Disposable(() => undefined),
    async stat(uri) {
      if (memory.has(uri.path))
        return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: memory.get(uri.path).byteLength };
      const response = await fetch(url(uri, 'stat'));
      if (!response.ok) throw notFound(uri);
      const stat = await response.json();
      return { type: stat.type, ctime: stat.ctime, mtime: stat.mtime, size: stat.size };
    },
    async readDirectory(uri) {
      const response = await fetch(url(uri, 'readdir'));
      if (!response.ok) throw notFound(uri);
      return (await response.json()).map((e) => [e.name, e.type]);
    },
    async readFile(uri) {
      if (memory.has(uri.path)) return memory.get(uri.path);
      const response = await fetch(url(uri));
      if (!response.ok) throw notFound(uri);
      return new Uint8Array(await response.arrayBuffer());
    },
    writeFile(uri, content) {
      memory.set(uri.path, content);
      changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    },
    createDirectory() {},
    delete(uri) {
      memory.delete(uri.path);
    },
    rename() {
      throw vscode.FileSystemError.NoPermissions('read-only test workspace');
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider('blahtest', provider, { isCaseSensitive: true }),
  );
}

module.exports = { activate };
