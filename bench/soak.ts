// A soak of the language server (npm run soak; not part of CI): edits, code actions and hovers
// for 20 minutes (`-- --minutes N`) in a workspace made of the insecure example, and the server's
// resident memory sampled every 30 seconds. It prints one row per minute and, at the end, how
// fast memory grew in the first half and in the second: growth that flattens is a cache filling
// up, growth that keeps its pace is a leak.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../test/helpers/lspClient';

const repo = join(__dirname, '..');
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 20;
if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes wants a positive number');
const SAMPLE_MS = 30_000;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Least-squares slope of (minute, MB) points, in MB per minute. */
function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'blah-soak-'));
  cpSync(join(repo, 'examples', 'insecure-mcp-server'), root, { recursive: true });
  const client = await LspTestClient.start({
    rootUri: pathToFileURL(root).href,
    initializationOptions: { debounceMs: 0 },
  });
  const pid = client.process.pid!;
  const uriOf = (path: string): string => pathToFileURL(join(root, path)).href;
  // Three languages, and one large TypeScript file (the example's server five times over).
  const server = readFileSync(join(root, 'src', 'server.ts'), 'utf8');
  const documents: Array<{ uri: string; language: string; text: string }> = [
    { uri: uriOf('src/server.ts'), language: 'typescript', text: server },
    { uri: uriOf('src/big.ts'), language: 'typescript', text: Array.from({ length: 5 }, () => server).join('\n') },
    { uri: uriOf('Dockerfile'), language: 'dockerfile', text: readFileSync(join(root, 'Dockerfile'), 'utf8') },
    { uri: uriOf('nginx.conf'), language: 'nginx', text: readFileSync(join(root, 'nginx.conf'), 'utf8') },
  ];
  for (const d of documents) await client.open(d.uri, d.language, d.text);

  const started = Date.now();
  const end = started + minutes * 60_000;
  const samples: Array<[number, number]> = [[0, rssMb(pid)]];
  let nextSample = started + SAMPLE_MS;
  let minuteTimes: number[] = [];
  let edits = 0;
  let reopened = 0;
  console.log(`soak: ${minutes} min of edits, code actions and hovers; RSS of the server every 30 s\n`);
  console.log('| minute | RSS MB | edits | edit p95 ms |');
  console.log('|---:|---:|---:|---:|');
  console.log(`| 0 | ${samples[0][1].toFixed(1)} | 0 | — |`);
  let typed = 0;
  while (Date.now() < end) {
    const d = documents[edits % documents.length];
    // Type a word on a line, then take it back: the text changes, and keeps its size.
    const lines = client.text(d.uri).split('\n').length;
    const line = (edits * 7919) % Math.max(1, lines - 1);
    const word = `x${typed}`;
    const change: TextDocumentContentChangeEvent = {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      text: `${word} `,
    };
    const t = performance.now();
    const published = await client.change(d.uri, [change]);
    minuteTimes.push(performance.now() - t);
    // Take the word back at once, so every document keeps its size.
    await client.change(d.uri, [
      { range: { start: { line, character: 0 }, end: { line, character: word.length + 1 } }, text: '' },
    ]);
    typed++;
    edits++;
    // Now and then what a user does besides typing: ask for fixes, hover, close and reopen.
    if (edits % 10 === 0 && published.diagnostics.length > 0) {
      await client.codeActions(d.uri, published.diagnostics.slice(0, 5));
      await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: d.uri },
        position: published.diagnostics[0].range.start,
      });
    }
    if (edits % 500 === 0) {
      client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
      await client.open(d.uri, d.language, d.text);
      reopened++;
    }
    if (Date.now() >= nextSample) {
      const minute = (Date.now() - started) / 60_000;
      samples.push([minute, rssMb(pid)]);
      nextSample += SAMPLE_MS;
      if (samples.length % 2 === 1) {
        console.log(
          `| ${Math.round(minute)} | ${samples[samples.length - 1][1].toFixed(1)} | ${edits} | ${percentile(minuteTimes, 95).toFixed(1)} |`,
        );
        minuteTimes = [];
      }
    }
  }
  const half = minutes / 2;
  const first = slope(samples.filter(([m]) => m <= half));
  const second = slope(samples.filter(([m]) => m >= half));
  const startMb = samples[0][1];
  const endMb = samples[samples.length - 1][1];
  console.log(
    `\n${edits} edits (${reopened} close/reopen), RSS ${startMb.toFixed(1)} → ${endMb.toFixed(1)} MB` +
      ` (peak ${Math.max(...samples.map(([, y]) => y)).toFixed(1)} MB)`,
  );
  console.log(`growth: ${first.toFixed(2)} MB/min in the first half, ${second.toFixed(2)} MB/min in the second`);
  const flattens = second < 0.5 || second < first / 3;
  console.log(flattens ? 'verdict: growth flattens' : 'verdict: growth keeps its pace (look for a leak)');
  client.kill();
  rmSync(root, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
