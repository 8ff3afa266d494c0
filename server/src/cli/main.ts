// blah-security: scan files and folders with the same engine as the editor, for CI.
// Exit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error or
// unreadable input.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../../package.json';
import { companionFiles } from '../engine/analyze';
import { CONFIG_FILE_NAME, DEFAULT_MAX_FILE_SIZE, parseProjectConfig, resolveConfig, type ProjectConfig, type ResolvedConfig } from '../engine/config';
import { allRules, ruleIds } from '../engine/registry';
import type { Severity } from '../engine/rule';
import { LineIndex } from '../engine/text';
import { analyzeWorkspace, mergeChecklists, type ChecklistItemResult, type ProjectFile, type WorkspaceFile } from '../engine/workspace';
import { projectFileKind, projectFileNeedsText } from '../languages/project/files';
import { collectFiles, findConfigRoot, readSourceFile, type WalkNote } from './files';
export { configSchema } from '../engine/configSchema';
import { runTasks, type Prepared } from './pool';
import { atLeast, formatChecklistText, formatFileText, formatJson, formatSarif, formatTextSummary, type FileReport, type ScanReport } from './report';

const USAGE = `Usage: blah-security scan [paths...] [options]
       blah-security rules [--format text|json]

Scans TypeScript, JavaScript and Dockerfiles for the anti-patterns of the BLAH security guide.
Folders are walked recursively, skipping node_modules, .git, build output and what
.gitignore ignores. A .blah-security.json at or above a scanned path configures rules.

Options:
  --format text|json|sarif        output format (default: text)
  --output FILE                   write the report to FILE instead of standard output
  --fail-on info|warning|error    exit 1 when a finding is at least this severe (default: error)
  --max-file-size SIZE            skip files larger than SIZE (e.g. 500KB, 4MB; default 2MB)
  --jobs N                        analyze on N worker threads (default: one per core; scans under 2 MB run in one thread)
  --checklist                     print the guide's security checklist decided for the project
  --verbose                       list skipped files and why
  --no-color                      plain text output
  -h, --help                      show this help
  -v, --version                   show the version
`;

class UsageError extends Error {}

interface ScanOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Exclude<Severity, 'hint'>;
  maxFileSize?: number;
  verbose: boolean;
  color: boolean;
  /** Worker threads for analysis (1 = in this thread). */
  jobs: number;
  /** Whether --jobs was given: then the pool runs even for a small scan. */
  jobsGiven?: boolean;
  /** Draw a progress bar on stderr (a terminal only). */
  progress: boolean;
  /** Print the checklist after the findings (text output). */
  checklist: boolean;
}

function parseArguments(args: string[]): { command: 'scan' | 'rules' | 'help' | 'version'; options: ScanOptions } {
  const options: ScanOptions = {
    paths: [],
    format: 'text',
    failOn: 'error',
    verbose: false,
    color: process.stdout.isTTY === true && !process.env.NO_COLOR,
    jobs: availableParallelism(),
    progress: process.stderr.isTTY === true,
    checklist: false,
  };
  let command: 'scan' | 'rules' | 'help' | 'version' | undefined;
  const value = (i: number, name: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return { command: 'help', options };
      case '-v':
      case '--version':
        return { command: 'version', options };
      case '--format': {
        const format = take();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
        options.format = format;
        break;
      }
      case '--output':
        options.output = take();
        break;
      case '--fail-on': {
        const level = take();
        if (level !== 'info' && level !== 'warning' && level !== 'error') throw new UsageError(`--fail-on must be info, warning or error (got "${level}")`);
        options.failOn = level;
        break;
      }
      case '--max-file-size': {
        const size = take();
        const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(size);
        if (!match || Number(match[1]) <= 0) throw new UsageError(`--max-file-size must be a size such as 500KB or 4MB (got "${size}")`);
        const unit = (match[2] ?? 'b').toLowerCase();
        options.maxFileSize = Math.round(Number(match[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1));
        break;
      }
      case '--jobs': {
        const jobs = take();
        if (!/^[1-9]\d*$/.test(jobs)) throw new UsageError(`--jobs must be a positive whole number (got "${jobs}")`);
        options.jobs = Number(jobs);
        options.jobsGiven = true;
        break;
      }
      case '--verbose':
        options.verbose = true;
        break;
      case '--checklist':
        options.checklist = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        if (!command) {
          if (arg !== 'scan' && arg !== 'rules') throw new UsageError(`unknown command "${arg}"`);
          command = arg;
        } else {
          options.paths.push(arg);
        }
    }
  }
  if (!command) throw new UsageError('no command given');
  if (options.format === 'sarif' && command === 'rules') throw new UsageError('rules supports --format text or json');
  return { command, options };
}

function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

interface ProjectContext {
  root: string;
  config: ResolvedConfig;
  parsed?: ProjectConfig;
  /** What workspace analysis combines: project files found by the walk, and each analyzed file. */
  projectFiles: ProjectFile[];
  gitIgnored: Record<string, boolean>;
  analyzed: Array<{ report: FileReport; file: WorkspaceFile }>;
}

function loadProject(root: string | undefined, fallbackRoot: string, maxFileSize: number | undefined, stderr: (s: string) => void): ProjectContext {
  if (!root) return { root: fallbackRoot, config: resolveConfig(undefined, { maxFileSize }), projectFiles: [], gitIgnored: {}, analyzed: [] };
  const path = resolve(root, CONFIG_FILE_NAME);
  const text = readFileSync(path, 'utf8');
  const { config, problems } = parseProjectConfig(text, ruleIds);
  const lines = new LineIndex(text);
  for (const problem of problems) {
    const at = lines.positionAt(problem.start);
    stderr(`${path}:${at.line + 1}:${at.character + 1}: ${problem.severity}: ${problem.message}\n`);
  }
  if (problems.some((p) => p.severity === 'error')) throw new UsageError(`invalid ${CONFIG_FILE_NAME} (see above)`);
  return { root, config: resolveConfig(config, { maxFileSize }), parsed: config, projectFiles: [], gitIgnored: {}, analyzed: [] };
}

interface ScanTask {
  shown: string;
  file?: string;
  project?: ProjectContext;
  skipped?: string;
}

/** Walks the paths and lists what to analyze, in a stable order (paths as given, files sorted). */
async function planScan(options: ScanOptions, cwd: string, stderr: (s: string) => void): Promise<{ tasks: ScanTask[]; projects: ProjectContext[] }> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const tasks: ScanTask[] = [];
  const projects = new Map<string, ProjectContext>();
  const seen = new Set<string>();
  for (const input of paths) {
    const absolute = resolve(cwd, input);
    if (!existsSync(absolute)) throw new UsageError(`cannot read ${input}: no such file or folder`);
    const notes: WalkNote[] = [];
    const collected = await collectFiles(absolute, notes);
    const found = collected.files;
    for (const note of notes) tasks.push({ shown: displayPath(note.path, cwd), skipped: note.reason });
    const configRoot = findConfigRoot(absolute);
    const key = configRoot ?? absolute;
    let project = projects.get(key);
    if (!project) {
      project = loadProject(configRoot, found.length === 1 && found[0] === absolute ? dirname(absolute) : absolute, options.maxFileSize, stderr);
      projects.set(key, project);
    }
    for (const probe of Object.keys(collected.gitIgnored)) project.gitIgnored[probe] = collected.gitIgnored[probe];
    for (const file of collected.projectFiles) {
      const path = relative(project.root, file.absolute).split(sep).join('/');
      if (path.startsWith('..') || project.projectFiles.some((p) => p.path === path)) continue;
      const kind = projectFileKind(path);
      const read = kind && projectFileNeedsText(kind) ? readSourceFile(file.absolute, DEFAULT_MAX_FILE_SIZE) : undefined;
      project.projectFiles.push({ path, text: read && 'text' in read ? read.text : null, ...(file.gitIgnored ? { gitIgnored: true } : {}) });
    }
    for (const file of found) {
      if (seen.has(file)) continue;
      seen.add(file);
      tasks.push({ shown: displayPath(file, cwd), file, project });
    }
  }
  return { tasks, projects: [...projects.values()] };
}

/** Bytes the tasks will analyze (files that cannot be read count as nothing). */
function totalSize(tasks: readonly ScanTask[]): number {
  let bytes = 0;
  for (const task of tasks) {
    if (!task.file || task.skipped) continue;
    try {
      bytes += statSync(task.file).size;
    } catch {
      // Reported when the task is prepared.
    }
  }
  return bytes;
}

/** Reads a task's file (and its companions) into an analysis job, or says why it is skipped. */
function prepareTask(task: ScanTask): Prepared {
  if (task.skipped || !task.file || !task.project) return { skipped: task.skipped ?? 'not analyzed' };
  const project = task.project;
  const read = readSourceFile(task.file, project.config.maxFileSize);
  if ('skipped' in read) return { skipped: read.skipped };
  const projectPath = relative(project.root, task.file).split(sep).join('/');
  const companions = readCompanions(task.file, read.text);
  const input = { path: projectPath.startsWith('..') ? task.file : projectPath, text: read.text, ...(companions ? { companions } : {}) };
  return { job: { input, ...(project.parsed ? { project: project.parsed } : {}), settings: { maxFileSize: project.config.maxFileSize } } };
}

async function scan(options: ScanOptions, cwd: string, stderr: (s: string) => void, onFile: (file: FileReport) => void): Promise<ScanReport & { checklist: ChecklistItemResult[] }> {
  const { tasks, projects } = await planScan(options, cwd, stderr);
  const files: FileReport[] = [];
  const progress = options.progress ? progressBar(tasks.length, stderr) : undefined;
  await runTasks(tasks.length, {
    jobs: options.jobs,
    // By default a small scan stays in this thread: starting workers (each loads the compiler)
    // costs more than analyzing a few hundred KB.
    ...(options.jobsGiven ? {} : { workload: totalSize(tasks) }),
    workerScript: join(__dirname, 'analysis-worker.js'),
    prepare: (index) => prepareTask(tasks[index]),
    onProgress: progress?.update,
    onResult: (index, outcome) => {
      const shown = tasks[index].shown;
      const file: FileReport =
        'findings' in outcome
          ? { path: shown, findings: outcome.findings, ruleErrors: outcome.ruleErrors, ...(outcome.skipped ? { skipped: outcome.skipped } : {}) }
          : { path: shown, findings: [], ruleErrors: [], skipped: outcome.skipped };
      files.push(file);
      const task = tasks[index];
      if (task.project && task.file && 'findings' in outcome && !outcome.skipped) {
        const path = relative(task.project.root, task.file).split(sep).join('/');
        task.project.analyzed.push({ report: file, file: { path, findings: outcome.findings, facts: outcome.facts, ...(outcome.language ? { language: outcome.language } : {}) } });
      }
      onFile(file);
    },
  });
  progress?.done();
  // Workspace decisions: findings other files answer are dropped, project-level findings added.
  const checklists: ChecklistItemResult[][] = [];
  for (const project of projects) {
    const workspace = analyzeWorkspace({ files: project.analyzed.map((a) => a.file), projectFiles: project.projectFiles, gitIgnored: project.gitIgnored }, project.config);
    for (const { report, file } of project.analyzed) report.findings = workspace.findings.get(file.path) ?? [];
    const sourcePaths = new Set(project.analyzed.map((a) => a.file.path));
    for (const [path, findings] of workspace.findings) {
      if (sourcePaths.has(path)) continue;
      files.push({ path: displayPath(join(project.root, ...path.split('/')), cwd), findings, ruleErrors: [], projectFile: true });
    }
    if (workspace.ruleErrors.length > 0) files.push({ path: displayPath(project.root, cwd), findings: [], ruleErrors: workspace.ruleErrors, projectFile: true });
    checklists.push(workspace.checklist.map((item) => ({ ...item, findings: item.findings.map((f) => ({ ...f, path: displayPath(join(project.root, ...f.path.split('/')), cwd) })), evidence: item.evidence.map((e) => ({ ...e, path: displayPath(join(project.root, ...e.path.split('/')), cwd) })) })));
  }
  return { files, toolVersion: packageJson.version, baseUri: pathToFileURL(cwd).href, checklist: mergeChecklists(checklists) };
}

/** A one-line progress bar on a terminal's stderr, redrawn at most ten times a second. */
function progressBar(total: number, write: (s: string) => void): { update: (done: number) => void; done: () => void } {
  let last = 0;
  const draw = (done: number): void => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
  };
  return {
    update: (done) => {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    done: () => write('\r\u001b[K'),
  };
}

/** The files beside `file` its analysis reads (.dockerignore for a Dockerfile): text or null. */
function readCompanions(file: string, text: string): Record<string, string | null> | undefined {
  const names = companionFiles(file, undefined, text);
  if (names.length === 0) return undefined;
  const companions: Record<string, string | null> = {};
  for (const name of names) {
    const read = readSourceFile(resolve(dirname(file), name), DEFAULT_MAX_FILE_SIZE);
    companions[name] = 'text' in read ? read.text : null;
  }
  return companions;
}

function formatRules(format: 'text' | 'json' | 'sarif'): string {
  if (format === 'json') {
    return JSON.stringify(allRules.map((r) => ({ id: r.id, language: r.language, ...r.meta })), null, 2) + '\n';
  }
  return allRules.map((r) => `${r.id.padEnd(32)} ${r.meta.severity.padEnd(8)} ${r.meta.fixable ? 'fix ' : '    '} ${r.meta.title}`).join('\n') + '\n';
}

export async function run(args: string[], io: { cwd: string; stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseArguments(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`blah-security: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const { command, options } = parsed;
  if (command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'version') {
    io.stdout(`${packageJson.version}\n`);
    return 0;
  }
  if (command === 'rules') {
    io.stdout(formatRules(options.format));
    return 0;
  }
  // Text on standard output streams file by file; other formats are written whole at the end.
  const streaming = options.format === 'text' && !options.output;
  const textOptions = { color: options.color && !options.output, verbose: options.verbose };
  let report: ScanReport;
  try {
    report = await scan(options, io.cwd, io.stderr, (file) => {
      // Findings another file may answer (no helmet here, helmet there) wait for the whole project.
      if (streaming) io.stdout(formatFileText({ ...file, findings: file.findings.filter((f) => !f.unless) }, textOptions));
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`blah-security: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      io.stderr(`blah-security: cannot read input (${code}): ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  const output =
    options.format === 'sarif'
      ? formatSarif(report, allRules)
      : options.format === 'json'
        ? formatJson(report)
        : (streaming ? lateFindingsText(report, textOptions) : report.files.map((f) => formatFileText(f, textOptions)).join('')) +
          formatTextSummary(report, textOptions) +
          (options.checklist && report.checklist ? formatChecklistText(report.checklist, textOptions) : '');
  if (options.output) {
    try {
      mkdirSync(dirname(resolve(io.cwd, options.output)), { recursive: true });
      writeFileSync(resolve(io.cwd, options.output), output);
    } catch (error) {
      io.stderr(`blah-security: cannot write ${options.output}: ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(output);
  }
  const failing = report.files.some((f) => f.findings.some((finding) => atLeast(finding.severity, options.failOn)));
  return failing ? 1 : 0;
}

/** What streaming held back: findings decided by the whole project, and project files' findings. */
function lateFindingsText(report: ScanReport, options: { color: boolean; verbose: boolean }): string {
  const late = report.files
    .map((f) => (f.projectFile ? f : { path: f.path, findings: f.findings.filter((x) => x.unless), ruleErrors: [] }))
    .filter((f) => f.findings.length > 0 || f.ruleErrors.length > 0);
  if (late.length === 0) return '';
  return '\nDecided for the whole project:\n' + late.map((f) => formatFileText(f, options)).join('');
}

/** Runs the CLI on this process's arguments and exits with its status. */
export function main(): void {
  void run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then(
    // Let a pipe receive everything before exiting.
    (status) => process.stdout.write('', () => process.exit(status)),
    (error: unknown) => {
      process.stderr.write(`blah-security: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(2);
    },
  );
}

if (require.main === module) main();
