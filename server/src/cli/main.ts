// blah-security: scan files and folders with the same engine as the editor, for CI.
// Exit status: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error,
// unreadable input or a file not fully analyzed. Analysis runs on worker threads with the
// editor's watchdog (host/workerAnalyzer.ts), so a rule that never returns costs one file's
// --file-timeout, not the CI job.
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import packageJson from '../../../package.json';
import { COMPANION_ROUNDS, companionFiles, type AnalysisResult } from '../engine/analyze';
import { UNSUPPORTED_FILE_TYPE } from '../engine/detect';
import {
  CONFIG_FILE_NAME,
  DEFAULT_MAX_FILE_SIZE,
  MAPPABLE_LANGUAGES,
  MAX_CONFIG_SIZE,
  mergeConfigLayers,
  parseProjectConfig,
  resolveConfig,
  type ConfigLayer,
  type ProjectConfig,
  type ResolvedConfig,
} from '../core/config';
import { allRules, ruleIds } from '../rules';
import type { Finding, LanguageId, Severity } from '../core/rule';
import { LineIndex } from '../core/text';
import { docsPath, fixKinds } from '../core/docs';
import {
  analyzeWorkspace,
  mergeChecklists,
  type ChecklistItemResult,
  type ProjectFile,
  type WorkspaceFile,
} from '../engine/workspace';
import { projectFileKind, projectFileNeedsText } from '../languages/project/files';
import { MAX_FLOW_HOPS, MAX_FLOW_STEPS } from '../engine/flows';
import { collectFiles, readSourceFile, type ReadResult, type WalkNote } from './files';
import { fingerprints } from './fingerprints';
import { BaselineError, baselineFormat, readBaseline } from './baseline';
import { MAX_FIX_PASSES, planFixes, readForFix, writeChange, type DiskFile } from './fix';
import { unifiedDiff } from './diff';
import { runTasks, SMALL_WORKLOAD, type Prepared } from '../host/pool';
import { createInProcessAnalyzer, extraRules, type Analyzer } from '../host/analysisJob';
import { createThreadThenPoolAnalyzer } from '../host/watchedRun';
import { createWorkerAnalyzer, startAnalysisWorker } from '../host/workerAnalyzer';
import { takeEarlyWorker } from '../host/earlyWorker';
import { isTrustedFolder } from '../host/readFile';
import {
  decidedLate,
  failsAt,
  incompleteLines,
  isIncomplete,
  printableLines,
  formatChecklistText,
  formatFileText,
  formatJson,
  formatSarif,
  formatTextSummary,
  type FileReport,
  type ScanReport,
} from './report';

const USAGE = `Usage: blah-security scan [paths...] [options]
       blah-security rules [--format text|json]

Scans TypeScript and JavaScript, Dockerfiles and nginx configuration for the anti-patterns of
the BLAH security guide. Folders are walked recursively, skipping node_modules, .git, build
output and what .gitignore ignores. nginx files are told by name (nginx.conf, *.nginx, *.conf
in an nginx/ folder) or, for other *.conf files and extension-less files under sites-*/,
conf.d/ or vhost.d/, by their content. The .blah-security.json files of a file's folder and of
the folders above it (up to the repository root, or one with "root": true) configure it.

Options:
  --format text|json|sarif        output format (default: text)
  --output FILE                   write the report to FILE instead of standard output
  --fail-on info|warning|error    exit 1 when a finding is at least this severe (default: error)
  --language nginx|dockerfile|typescript
                                  the language of the files named on the command line
  --max-file-size SIZE            skip files larger than SIZE (e.g. 500KB, 4MB; default 2MB)
  --jobs N                        analyze on N worker threads (default: one per core; one for scans under 2 MB)
  --file-timeout SECONDS          stop analyzing a file after SECONDS (default: 30): the rule that
                                  was running is reported and the file analyzed again without it
  --checklist                     print the guide's security checklist decided for the project
  --fix                           apply every safe fix (as the editor's "Fix all") to the files, then
                                  report what is left
  --fix-dry-run                   print the safe fixes as a unified diff and write nothing
  --baseline FILE                 report (and fail on) only findings not in FILE, a SARIF or JSON
                                  report of an earlier scan
  --write-baseline FILE           write the findings to FILE (SARIF if it ends in .sarif, else JSON)
                                  for later --baseline scans; they do not fail this scan
  --report-unused-suppressions    report blah-security-ignore comments that suppress no finding,
                                  and unknown ids in them (warnings of blah-security/unused-suppression)
  --allow-empty                   exit 0 when there is nothing to analyze (default: exit 2)
  --allow-partial                 a file not fully analyzed does not make the exit status 2: the
                                  status is that of the findings (they are still reported)
  --verbose                       list skipped files and why, and data-flow limits hit
  --no-color                      plain text output
  -h, --help                      show this help
  -v, --version                   show the version

Exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on (suppressed ones and those in the --baseline do not count)
  2  usage error, invalid .blah-security.json, unreadable input or baseline, a fix that could
     not be written, a file named on the command
     line whose language cannot be told, a file not fully analyzed (its analysis failed or
     exceeded --file-timeout, a rule failed or overran on it, or part of it nests too deep to
     parse; unless --allow-partial), or nothing analyzed (unless --allow-empty)

Examples:
  blah-security scan .
  blah-security scan src Dockerfile deploy/nginx --fail-on warning
  blah-security scan deploy/site.conf.tmpl --language nginx
  blah-security scan . --format sarif --output blah-security.sarif
  blah-security scan . --fix
  blah-security scan . --write-baseline .blah-security-baseline.json
  blah-security scan . --baseline .blah-security-baseline.json
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
  /** The language of the files named on the command line, when their names do not tell it. */
  language?: LanguageId;
  /** A scan that analyzes no file exits 0 instead of 2. */
  allowEmpty: boolean;
  /** A file not fully analyzed does not make the status 2. */
  allowPartial: boolean;
  /** Seconds one file's analysis may take before its worker is stopped. */
  fileTimeout: number;
  /** --fix writes the safe fixes; --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
  /** Reports whose fingerprints are not reported again (--baseline). */
  baseline?: string;
  /** Where --write-baseline writes the findings. */
  writeBaseline?: string;
  /** Texts that stand for files on disk (--fix-dry-run's later passes analyze the fixed text). */
  overlay?: Map<string, string>;
  /** Report suppression comments that suppress nothing, as findings. */
  reportUnusedSuppressions: boolean;
}

/** The id unused suppressions are reported under with --report-unused-suppressions. */
export const UNUSED_SUPPRESSION_ID = 'blah-security/unused-suppression';

/** A file's unused suppression comments (and unknown ids in them) as findings, a warning each, when asked for. */
function unusedSuppressionFindings(outcome: AnalysisResult, options: ScanOptions): Finding[] {
  if (!options.reportUnusedSuppressions) return [];
  // An id no rule has suppresses nothing either: reported with its "did you mean".
  return (outcome.suppressionProblems ?? []).map((problem) => ({
    ruleId: UNUSED_SUPPRESSION_ID,
    severity: 'warning' as const,
    range: problem.range,
    message: problem.message,
    fixes: [],
  }));
}

const DEFAULT_FILE_TIMEOUT = 30;

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
    allowEmpty: false,
    allowPartial: false,
    fileTimeout: DEFAULT_FILE_TIMEOUT,
    reportUnusedSuppressions: false,
  };
  let command: 'scan' | 'rules' | 'help' | 'version' | undefined;
  const value = (i: number, name: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
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
        if (format !== 'text' && format !== 'json' && format !== 'sarif')
          throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
        options.format = format;
        break;
      }
      case '--output':
        options.output = take();
        break;
      case '--fail-on': {
        const level = take();
        if (level !== 'info' && level !== 'warning' && level !== 'error')
          throw new UsageError(`--fail-on must be info, warning or error (got "${level}")`);
        options.failOn = level;
        break;
      }
      case '--max-file-size': {
        const size = take();
        const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(size);
        if (!match || Number(match[1]) <= 0)
          throw new UsageError(`--max-file-size must be a size such as 500KB or 4MB (got "${size}")`);
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
      case '--file-timeout': {
        const timeout = take();
        if (!/^\d+(?:\.\d+)?$/.test(timeout) || Number(timeout) <= 0)
          throw new UsageError(`--file-timeout must be a number of seconds above 0 (got "${timeout}")`);
        options.fileTimeout = Number(timeout);
        break;
      }
      case '--verbose':
        options.verbose = true;
        break;
      case '--checklist':
        options.checklist = true;
        break;
      case '--fix':
      case '--fix-dry-run': {
        const mode = flag === '--fix' ? 'write' : 'dry-run';
        if (options.fix && options.fix !== mode) throw new UsageError('--fix and --fix-dry-run cannot be combined');
        options.fix = mode;
        break;
      }
      case '--baseline':
        options.baseline = take();
        break;
      case '--write-baseline':
        options.writeBaseline = take();
        break;
      case '--allow-partial':
        options.allowPartial = true;
        break;
      case '--allow-empty':
        options.allowEmpty = true;
        break;
      case '--report-unused-suppressions':
        options.reportUnusedSuppressions = true;
        break;
      case '--language': {
        const language = take();
        if (!(MAPPABLE_LANGUAGES as readonly string[]).includes(language))
          throw new UsageError(`--language must be nginx, dockerfile or typescript (got "${language}")`);
        options.language = language as LanguageId;
        break;
      }
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
  /** The folder project paths are relative to: the outermost applying configuration's, or the scanned folder. */
  root: string;
  /** The configuration at the project root (severities of project-level rules, the checklist). */
  config: ResolvedConfig;
  /** What workspace analysis combines: project files found by the walk, and each analyzed file. */
  projectFiles: ProjectFile[];
  gitIgnored: Record<string, boolean>;
  analyzed: Array<{ report: FileReport; file: WorkspaceFile }>;
  /** The folder fixes of its files may write in: the repository, else what the scan named. */
  boundary: string;
}

interface ScanTask {
  shown: string;
  file?: string;
  project?: ProjectContext;
  /** The merged configuration files that apply to this file (patterns relative to the project root). */
  parsed?: ProjectConfig;
  skipped?: string;
  /** With `skipped`: the file could not be read (the scan must not pass it). */
  failed?: true;
  /** Named on the command line (not found by walking a folder). */
  explicit?: boolean;
  /** The folder its companion files must be inside: the repository, else what the scan named. */
  boundary?: string;
}

/** Reads and checks one configuration file; its problems go to stderr, errors fail the scan. */
function readConfigFile(path: string, stderr: (s: string) => void, failures: string[]): ProjectConfig | undefined {
  const read = readSourceFile(path, MAX_CONFIG_SIZE);
  if ('skipped' in read) {
    stderr(`${path}: error: ${read.skipped}\n`);
    failures.push(`${path}: ${read.skipped}`);
    return undefined;
  }
  const { config, problems } = parseProjectConfig(read.text, ruleIds);
  const lines = new LineIndex(read.text);
  for (const problem of problems) {
    const at = lines.positionAt(problem.start);
    stderr(`${path}:${at.line + 1}:${at.character + 1}: ${problem.severity}: ${problem.message}\n`);
  }
  if (problems.some((p) => p.severity === 'error')) {
    failures.push(path);
    return undefined;
  }
  return config;
}

/**
 * How far up configuration is read for a scanned folder: the repository (the nearest folder with
 * .git), else the working folder when the scan is inside it, else the scanned folder itself. The
 * search stops below the first folder above the scanned one that is not the user's own or that
 * others may write (isTrustedFolder): a `.git` planted in `/tmp` makes no repository of it.
 */
function configBoundary(folder: string, cwd: string): string {
  for (let dir = folder, previous = ''; dir !== previous; previous = dir, dir = dirname(dir)) {
    if (dir !== folder && !isTrustedFolder(dir)) break;
    if (existsSync(join(dir, '.git'))) return dir;
  }
  const fromCwd = relative(cwd, folder);
  return fromCwd === '' || (!fromCwd.startsWith('..') && !isAbsolute(fromCwd)) ? cwd : folder;
}

/** The configuration files from the boundary down to `folder`, outermost first, cut at the innermost `"root": true`. */
function configChain(
  folder: string,
  boundary: string,
  stderr: (s: string) => void,
  failures: string[],
): Array<{ dir: string; config: ProjectConfig }> {
  const dirs: string[] = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dir === boundary || dirname(dir) === dir) break;
  }
  let chain: Array<{ dir: string; config: ProjectConfig }> = [];
  for (const dir of dirs) {
    const path = join(dir, CONFIG_FILE_NAME);
    // Above the scanned folder, only the user's own folders count (a working folder in /tmp does not).
    if (!existsSync(path)) continue;
    if (dir !== folder && !isTrustedFolder(dir)) {
      stderr(`${path}: not read: its folder belongs to another user or others may write to it.\n`);
      continue;
    }
    const config = readConfigFile(path, stderr, failures);
    if (!config) continue;
    if (config.root) chain = [];
    chain.push({ dir, config });
  }
  return chain;
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** Walks the paths and lists what to analyze, in a stable order (paths as given, files sorted). */
/**
 * The configuration files that turn rules off, said at the top of a report: how many, and where.
 * Empty when none does.
 */
function rulesOffNotice(configs: ReadonlyMap<string, ProjectConfig>, cwd: string): string {
  const lines: string[] = [];
  for (const [path, config] of configs) {
    const off = allRules.filter((rule) => config.rules[rule.id] === 'off').map((rule) => rule.id);
    if (off.length === 0) continue;
    const shown = off.slice(0, 5).join(', ') + (off.length > 5 ? ', …' : '');
    lines.push(
      `Note: ${displayPath(path, cwd)} turns off ${off.length} of ${allRules.length} rules (${shown}): their problems are not reported.`,
    );
  }
  return lines.length > 0 ? lines.join('\n') + '\n\n' : '';
}

async function planScan(
  options: ScanOptions,
  cwd: string,
  stderr: (s: string) => void,
): Promise<{ tasks: ScanTask[]; projects: ProjectContext[]; configs: Map<string, ProjectConfig> }> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  /** The configuration files that apply, by path (for the notice of rules they turn off). */
  const configs = new Map<string, ProjectConfig>();
  const tasks: ScanTask[] = [];
  const projects = new Map<string, ProjectContext>();
  const seen = new Set<string>();
  const failures: string[] = [];
  for (const input of paths) {
    const absolute = resolve(cwd, input);
    if (!existsSync(absolute)) throw new UsageError(`cannot read ${input}: no such file or folder`);
    const explicitFile = statSync(absolute).isFile();
    const folder = explicitFile ? dirname(absolute) : absolute;
    const boundary = configBoundary(folder, cwd);
    const chain = configChain(folder, boundary, stderr, failures);
    for (const { dir, config } of chain) configs.set(join(dir, CONFIG_FILE_NAME), config);
    const root = chain[0]?.dir ?? folder;
    const layers: ConfigLayer[] = chain.map(({ dir, config }) => ({ base: toPosix(relative(root, dir)), config }));
    const rootPrefix = toPosix(relative(root, folder));
    const notes: WalkNote[] = [];
    const collected = await collectFiles(
      absolute,
      notes,
      {
        ...(layers.length > 0 ? { rootConfig: { config: mergeConfigLayers(layers)!, rootPrefix } } : {}),
        readConfig: (_text, location) => {
          const config = readConfigFile(location, stderr, failures);
          if (config) configs.set(location, config);
          return config;
        },
      },
      options.overlay,
    );
    for (const note of notes)
      tasks.push({
        shown: displayPath(note.path, cwd),
        skipped: note.reason,
        ...(note.failed ? { failed: true as const } : {}),
      });
    let project = projects.get(root);
    if (!project) {
      const atRoot = chain[0]?.dir === root ? chain[0].config : undefined;
      project = {
        root,
        config: resolveConfig(atRoot, { maxFileSize: options.maxFileSize }, ruleIds),
        projectFiles: [],
        gitIgnored: {},
        analyzed: [],
        boundary,
      };
      projects.set(root, project);
    }
    for (const probe of Object.keys(collected.gitIgnored)) project.gitIgnored[probe] = collected.gitIgnored[probe];
    for (const file of collected.projectFiles) {
      const path = toPosix(relative(project.root, file.absolute));
      if (path.startsWith('..') || project.projectFiles.some((p) => p.path === path)) continue;
      const kind = projectFileKind(path);
      const read =
        kind && projectFileNeedsText(kind) ? readText(options, file.absolute, DEFAULT_MAX_FILE_SIZE) : undefined;
      project.projectFiles.push({
        path,
        text: read && 'text' in read ? read.text : null,
        ...(file.gitIgnored ? { gitIgnored: true } : {}),
      });
    }
    // Each file gets the configuration files of its own folder and those above it, merged.
    const nested = collected.configs.map((c) => ({
      dir: dirname(c.location),
      base: toPosix(relative(root, dirname(c.location))),
      config: c.config,
    }));
    const mergedByFolder = new Map<string, ProjectConfig | undefined>();
    const configFor = (file: string): ProjectConfig | undefined => {
      const dir = dirname(file);
      if (!mergedByFolder.has(dir)) {
        const own = nested.filter((c) => dir === c.dir || dir.startsWith(c.dir + sep));
        mergedByFolder.set(dir, mergeConfigLayers([...layers, ...own]));
      }
      return mergedByFolder.get(dir);
    };
    for (const file of collected.files) {
      if (seen.has(file)) continue;
      seen.add(file);
      const parsed = configFor(file);
      tasks.push({
        shown: displayPath(file, cwd),
        file,
        project,
        ...(parsed ? { parsed } : {}),
        ...(explicitFile ? { explicit: true } : {}),
        boundary,
      });
    }
  }
  if (failures.length > 0) throw new UsageError(`invalid ${CONFIG_FILE_NAME} (see above)`);
  return { tasks, projects: [...projects.values()], configs };
}

/**
 * The analyzer of a scan, always with a watchdog. A small scan (under SMALL_WORKLOAD) runs on this
 * thread under a V8 deadline (host/watchedRun.ts): a worker's start and its own load of the bundle
 * would cost it ~20% of its time. A rule that hangs there hands the rest of the scan to a worker.
 * A larger scan, or one with --jobs, runs on worker threads, one per core or --jobs. Without the
 * worker script (running from source), analysis runs in this thread, unwatched.
 */
function scanAnalyzer(
  options: ScanOptions,
  script: string,
  tasks: readonly ScanTask[],
  early: Worker | undefined,
): { analyze: Analyzer; threads: number; dispose(): Promise<void> } {
  const files = tasks.filter((task) => task.file && !task.skipped).length;
  if (!early) return { analyze: createInProcessAnalyzer(), threads: 1, dispose: async () => undefined };
  const budget = options.fileTimeout * 1000;
  const pool = (threads: number, initial?: Worker) =>
    createWorkerAnalyzer({
      script,
      threads,
      ...(initial ? { initial } : {}),
      budgetMs: () => budget,
      hungRules: 'file',
    });
  if (!options.jobsGiven && totalSize(tasks) < SMALL_WORKLOAD) {
    // The early worker's load is not needed: stop it, so that it takes neither a core nor memory.
    void early.terminate();
    const analyze = createThreadThenPoolAnalyzer({
      rules: [...allRules, ...extraRules(require, process.env.BLAH_SECURITY_EXTRA_RULES)],
      budgetMs: budget,
      startPool: () => pool(1),
    });
    return { analyze, threads: 1, dispose: () => analyze.dispose() };
  }
  const threads = Math.max(1, Math.min(options.jobs, files));
  const analyze = pool(threads, early);
  return { analyze, threads, dispose: () => analyze.dispose() };
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

const resolvedMappings = new WeakMap<ProjectConfig, ResolvedConfig>();

/** The language a project's `languages` patterns give a path (so companions are read for it too). */
function mappedLanguage(config: ProjectConfig, path: string): LanguageId | undefined {
  if (config.languages.length === 0) return undefined;
  let resolved = resolvedMappings.get(config);
  if (!resolved) resolvedMappings.set(config, (resolved = resolveConfig(config, {}, ruleIds)));
  return resolved.languageOf(path);
}

/** A file's text: --fix-dry-run's fixed text when it has one, else what is on disk. */
function readText(options: Pick<ScanOptions, 'overlay'>, path: string, maxFileSize: number): ReadResult {
  const text = options.overlay?.get(path);
  return text !== undefined ? { text } : readSourceFile(path, maxFileSize);
}

/** Reads a task's file (and its companions) into an analysis job, or says why it is skipped. */
function prepareTask(task: ScanTask, options: Pick<ScanOptions, 'overlay' | 'language'>): Prepared {
  if (task.skipped || !task.file || !task.project)
    return { skipped: task.skipped ?? 'not analyzed', ...(task.failed ? { failed: true as const } : {}) };
  const project = task.project;
  const language = options.language;
  const read = readText(options, task.file, project.config.maxFileSize);
  if ('skipped' in read) return read;
  const projectPath = toPosix(relative(project.root, task.file));
  // --language names the language of the files given on the command line, not of what a folder holds.
  const languageId =
    (task.explicit ? language : undefined) ?? (task.parsed ? mappedLanguage(task.parsed, projectPath) : undefined);
  const beside = readCompanions(options, task.file, read.text, languageId, task.boundary ?? dirname(task.file));
  const input = {
    path: projectPath.startsWith('..') ? task.file : projectPath,
    location: toPosix(task.file),
    text: read.text,
    ...(languageId ? { languageId } : {}),
    ...(beside ? { companions: beside.companions } : {}),
    ...(beside && beside.outside.length > 0 ? { outside: beside.outside } : {}),
  };
  return {
    job: {
      input,
      ...(task.parsed ? { project: task.parsed } : {}),
      settings: { maxFileSize: project.config.maxFileSize },
      // Reports record suppressed findings (SARIF suppressions); nothing counts or prints them as problems.
      keepSuppressed: true,
    },
  };
}

async function scan(
  options: ScanOptions,
  cwd: string,
  stderr: (s: string) => void,
  onFile: (file: FileReport) => void,
  progress?: ProgressBar,
  onConfigs?: (configs: ReadonlyMap<string, ProjectConfig>) => void,
): Promise<ScanReport & { checklist: ChecklistItemResult[]; unknownLanguage: string[] }> {
  const workerScript = join(__dirname, 'analysis-worker.js');
  // The first worker loads the compiler while this thread walks the folders (the CLI's entry
  // started it before this bundle initialized).
  const early = takeEarlyWorker() ?? (existsSync(workerScript) ? startAnalysisWorker(workerScript) : undefined);
  let planned: Awaited<ReturnType<typeof planScan>>;
  try {
    planned = await planScan(options, cwd, stderr);
  } catch (error) {
    await early?.terminate();
    throw error;
  }
  const { tasks, projects } = planned;
  onConfigs?.(planned.configs);
  const analyzer = scanAnalyzer(options, workerScript, tasks, early);
  const files: FileReport[] = [];
  /** Files named on the command line whose language could not be told. */
  const unknownLanguage: string[] = [];
  progress?.start(tasks.length);
  const unusedSuppressions = new Map<FileReport, Finding[]>();
  try {
    await runTasks(tasks.length, {
      analyze: analyzer.analyze,
      inFlight: 2 * analyzer.threads,
      prepare: (index) => prepareTask(tasks[index], options),
      ...(progress ? { onProgress: progress.update } : {}),
      onResult: (index, outcome) => {
        const task = tasks[index];
        const shown = task.shown;
        // A *.conf that turns out not to be nginx (supervisord, systemd) is simply not ours; one named on the command line is reported.
        if (outcome.skipped === UNSUPPORTED_FILE_TYPE && !task.explicit) return;
        if (outcome.skipped === UNSUPPORTED_FILE_TYPE) unknownLanguage.push(shown);
        const unused = 'findings' in outcome ? unusedSuppressionFindings(outcome, options) : [];
        const file: FileReport =
          'findings' in outcome
            ? {
                path: shown,
                // Its findings' related places are places of the file: shown by the path the report shows it by.
                findings: [...withShownRelated(outcome.findings, shown), ...unused],
                ruleErrors: outcome.ruleErrors,
                ...(outcome.skipped ? { skipped: outcome.skipped } : {}),
                ...(outcome.failed ? { failed: true } : {}),
                ...(task.file && task.project
                  ? {
                      location: {
                        file: task.file,
                        root: task.project.root,
                        boundary: task.boundary ?? task.project.boundary,
                      },
                    }
                  : {}),
                ...(outcome.partial ? { partial: outcome.partial } : {}),
                ...(outcome.notRead ? { notRead: outcome.notRead } : {}),
                ...(outcome.flows && (outcome.flows.sinks.length > 0 || outcome.flows.conditionals?.length)
                  ? {
                      flowSinks: [...outcome.flows.sinks, ...(outcome.flows.conditionals ?? [])].map((s) => ({
                        ruleId: s.ruleId,
                        range: s.range,
                      })),
                    }
                  : {}),
              }
            : {
                path: shown,
                findings: [],
                ruleErrors: [],
                skipped: outcome.skipped,
                ...(outcome.failed ? { failed: true as const } : {}),
              };
        files.push(file);
        if (unused.length > 0) unusedSuppressions.set(file, unused);
        if (task.project && task.file && 'findings' in outcome && !outcome.skipped) {
          const path = relative(task.project.root, task.file).split(sep).join('/');
          task.project.analyzed.push({
            report: file,
            file: {
              path,
              findings: outcome.findings,
              facts: outcome.facts,
              ...(outcome.language ? { language: outcome.language } : {}),
              ...(outcome.flows ? { flows: outcome.flows } : {}),
            },
          });
        }
        onFile(file);
      },
    });
  } finally {
    // Not awaited: the workers are unref'd, and their exit must not delay the report.
    void analyzer.dispose();
  }
  progress?.clear();
  // Workspace decisions: findings other files answer are dropped, project-level findings added.
  const checklists: ChecklistItemResult[][] = [];
  for (const project of projects) {
    const workspace = analyzeWorkspace(
      {
        files: project.analyzed.map((a) => a.file),
        projectFiles: project.projectFiles,
        gitIgnored: project.gitIgnored,
      },
      project.config,
    );
    if (workspace.flowLimitHit && options.verbose)
      stderr(
        `blah-security: ${displayPath(project.root, cwd)}: data flow between files stopped at a limit (${MAX_FLOW_HOPS} calls a flow passes through, ${MAX_FLOW_STEPS} steps a project); longer flows are not followed\n`,
      );
    // Related locations (a flow's source and hops) are project paths: show them as the report shows files.
    const shownPath = (path: string): string => displayPath(join(project.root, ...path.split('/')), cwd);
    for (const { report, file } of project.analyzed)
      report.findings = [
        ...(workspace.findings.get(file.path) ?? []).map((f) =>
          f.related ? { ...f, related: f.related.map((r) => ({ ...r, path: shownPath(r.path) })) } : f,
        ),
        // Not the workspace's to decide: they are about the comments, not the code.
        ...(unusedSuppressions.get(report) ?? []),
      ];
    const sourcePaths = new Set(project.analyzed.map((a) => a.file.path));
    for (const [path, findings] of workspace.findings) {
      if (sourcePaths.has(path)) continue;
      const absolute = join(project.root, ...path.split('/'));
      files.push({
        path: displayPath(absolute, cwd),
        findings,
        ruleErrors: [],
        projectFile: true,
        location: { file: absolute, root: project.root, boundary: project.boundary },
      });
    }
    if (workspace.ruleErrors.length > 0)
      files.push({
        path: displayPath(project.root, cwd),
        findings: [],
        ruleErrors: workspace.ruleErrors,
        projectFile: true,
      });
    checklists.push(
      workspace.checklist.map((item) => ({
        ...item,
        findings: item.findings.map((f) => ({
          ...f,
          path: displayPath(join(project.root, ...f.path.split('/')), cwd),
        })),
        evidence: item.evidence.map((e) => ({
          ...e,
          path: displayPath(join(project.root, ...e.path.split('/')), cwd),
        })),
      })),
    );
  }
  return {
    files,
    toolVersion: packageJson.version,
    baseUri: pathToFileURL(cwd).href,
    checklist: mergeChecklists(checklists),
    unknownLanguage,
  };
}

interface ProgressBar {
  start(total: number): void;
  update(done: number): void;
  /** Erases the bar (if drawn) so that the next output starts on a clean line; the next update draws it again. */
  clear(): void;
}

/**
 * A one-line progress bar on a terminal's stderr, redrawn at most ten times a second. Findings
 * go to the same terminal, so whoever prints clears the bar first: a line is never half bar,
 * half finding.
 */
function progressBar(write: (s: string) => void): ProgressBar {
  let last = 0;
  let total = 0;
  let drawn = false;
  return {
    start(count) {
      total = count;
    },
    update(done) {
      const now = Date.now();
      if (drawn && now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
      drawn = true;
    },
    clear() {
      if (!drawn) return;
      write('\r\u001b[K');
      drawn = false;
    },
  };
}

/**
 * The files beside `file` its analysis reads (.dockerignore for a Dockerfile, the snippets an
 * nginx file includes and those they include): text or null. Nothing is read outside the
 * repository (or the folder scanned, outside one): a name that leads there reads as absent.
 */
function readCompanions(
  options: Pick<ScanOptions, 'overlay'>,
  file: string,
  text: string,
  languageId: string | undefined,
  boundary: string,
): { companions: Record<string, string | null>; outside: string[] } | undefined {
  const folder = dirname(file);
  const companions: Record<string, string | null> = {};
  const outside: string[] = [];
  let names = companionFiles(file, languageId, text);
  if (names.length === 0) return undefined;
  // A symbolic link inside the boundary may point outside it: where it leads is checked too.
  const realBoundary = realpathQuietly(boundary);
  for (let round = 0; round < COMPANION_ROUNDS; round++) {
    const fresh = names.filter((name) => !(name in companions));
    if (fresh.length === 0) break;
    for (const name of fresh) {
      const target = resolve(folder, name);
      // A text --fix-dry-run made for it (perhaps of a file not on disk yet) is what the file is.
      const planned = options.overlay?.get(target);
      if (planned !== undefined) {
        companions[name] = planned;
        continue;
      }
      const inside = relative(boundary, target);
      const real = realBoundary === undefined ? undefined : realpathQuietly(target);
      const realInside = real === undefined || realBoundary === undefined ? '..' : relative(realBoundary, real);
      if (inside.startsWith('..') || isAbsolute(inside) || realInside.startsWith('..') || isAbsolute(realInside)) {
        companions[name] = null;
        // Outside, or a link that leads there (a missing file inside is only absent).
        if (inside.startsWith('..') || isAbsolute(inside) || real !== undefined) outside.push(name);
        continue;
      }
      const read = readText(options, target, DEFAULT_MAX_FILE_SIZE);
      companions[name] = 'text' in read ? read.text : null;
    }
    names = companionFiles(file, languageId, text, companions);
  }
  return { companions, outside };
}

function realpathQuietly(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function formatRules(format: 'text' | 'json' | 'sarif'): string {
  if (format === 'json') {
    return (
      JSON.stringify(
        allRules.map((r) => ({ id: r.id, language: r.language, ...r.meta, docs: docsPath(r) })),
        null,
        2,
      ) + '\n'
    );
  }
  return (
    allRules
      .map((r) => `${r.id.padEnd(32)} ${r.meta.severity.padEnd(8)} ${(fixKinds(r) ?? '').padEnd(15)} ${r.meta.title}`)
      .join('\n') + '\n'
  );
}

export async function run(
  args: string[],
  terminal: { cwd: string; stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  // What goes to standard error carries paths and configuration text: no control character of
  // theirs reaches the terminal (the text report escapes its own data, see report.ts printable).
  const io = { ...terminal, stderr: (s: string) => terminal.stderr(printableLines(s)) };
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
  // Text on standard output streams file by file; other formats, and reports decided after the
  // scan (fixes applied, a baseline), are written whole at the end.
  const streaming =
    options.format === 'text' && !options.output && !options.fix && !options.baseline && !options.writeBaseline;
  const textOptions = { color: options.color && !options.output, verbose: options.verbose };
  let baseline: Set<string> | undefined;
  if (options.baseline) {
    try {
      baseline = readBaseline(readFileSync(resolve(io.cwd, options.baseline), 'utf8'));
    } catch (error) {
      const why =
        error instanceof BaselineError
          ? error.message
          : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      io.stderr(`blah-security: cannot read the baseline ${options.baseline}: ${why}\n`);
      return 2;
    }
  }
  if (options.fix === 'dry-run') options.overlay = new Map();
  let report: ScanReport & { unknownLanguage: string[] };
  let header = '';
  const progress = options.progress ? progressBar(terminal.stderr) : undefined;
  const scanOnce = (): ReturnType<typeof scan> =>
    scan(
      options,
      io.cwd,
      io.stderr,
      (file) => {
        if (!streaming) return;
        // Findings another file may answer (no helmet here, helmet there; a flow from a handler) wait for the whole project.
        const text = formatFileText(
          { ...file, findings: file.findings.filter((f) => !decidedLate(file, f)) },
          textOptions,
        );
        if (text === '') return;
        progress?.clear();
        io.stdout(text);
      },
      progress,
      (configs) => {
        // Said first: a report with most rules off must not read as a clean bill of health.
        header = rulesOffNotice(configs, io.cwd);
        if (header === '') return;
        if (streaming) io.stdout(header);
        else if (options.format !== 'text') io.stderr(header.replace(/^/gm, 'blah-security: '));
      },
    );
  let originals: Map<string, string | undefined> | undefined;
  try {
    report = await scanOnce();
    if (options.fix) {
      const fixed = await fixPasses(options, report, scanOnce, io);
      if ('status' in fixed) return fixed.status;
      ({ report, originals } = fixed);
    }
  } catch (error) {
    progress?.clear();
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
  addFingerprints(report, options);
  if (options.writeBaseline) {
    const format = baselineFormat(options.writeBaseline);
    const written = format === 'sarif' ? formatSarif(report, allRules) : formatJson(report);
    if (!writeReport(io, options.writeBaseline, written)) return 2;
    // What the baseline records is accepted from now on, starting with this scan.
    baseline = new Set(baseline);
    for (const file of report.files) for (const f of file.findings) if (f.fingerprint) baseline.add(f.fingerprint);
  }
  if (baseline) applyBaseline(report, baseline);
  if (options.fix === 'dry-run' && originals) {
    // The diff is standard output: a report goes only to --output.
    const paths = [...originals.keys()].sort();
    for (const path of paths)
      io.stdout(unifiedDiff(originals.get(path), options.overlay!.get(path) ?? '', displayPath(path, io.cwd)));
  }
  const output =
    options.format === 'sarif'
      ? formatSarif(report, allRules)
      : options.format === 'json'
        ? formatJson(report)
        : (streaming
            ? lateFindingsText(report, textOptions)
            : header + report.files.map((f) => formatFileText(f, textOptions)).join('')) +
          formatTextSummary(report, textOptions) +
          (options.checklist && report.checklist ? formatChecklistText(report.checklist, textOptions) : '');
  if (options.output) {
    if (!writeReport(io, options.output, output)) return 2;
  } else if (options.fix !== 'dry-run') {
    io.stdout(output);
  }
  // A CI job that analyzed nothing, or skipped a file it was told to scan, must not pass.
  for (const path of report.unknownLanguage) {
    io.stderr(
      `blah-security: ${path}: skipped: its language cannot be told from its name or content (name it with --language nginx|dockerfile|typescript, or map it in ${CONFIG_FILE_NAME} "languages")\n`,
    );
  }
  if (report.unknownLanguage.length > 0) return 2;
  // A file not fully checked (its analysis failed or timed out, a rule threw or hung) must not pass
  // either. Text on standard output has said so already; a report in a file or for a machine has not.
  const incomplete = report.files.filter(isIncomplete);
  if (!streaming) for (const line of incomplete.flatMap(incompleteLines)) io.stderr(`blah-security: ${line}\n`);
  if (incomplete.length > 0 && !options.allowPartial) return 2;
  const analyzed = report.files.filter((f) => !f.projectFile && !f.skipped).length;
  if (analyzed === 0 && !options.allowEmpty) {
    const where = options.paths.length > 0 ? options.paths.join(', ') : '.';
    io.stderr(
      `blah-security: nothing was analyzed in ${where}: no TypeScript, JavaScript, Dockerfile or nginx file was found${report.files.length > 0 ? ' that could be read (--verbose says why)' : ''}. Pass --allow-empty if that is expected.\n`,
    );
    return 2;
  }
  return failsAt(report, options.failOn) ? 1 : 0;
}

/** Writes a report file (its folder made if needed); false, said on stderr, when it cannot. */
function writeReport(io: { cwd: string; stderr: (s: string) => void }, path: string, text: string): boolean {
  try {
    mkdirSync(dirname(resolve(io.cwd, path)), { recursive: true });
    writeFileSync(resolve(io.cwd, path), text);
    return true;
  } catch (error) {
    io.stderr(`blah-security: cannot write ${path}: ${(error as Error).message}\n`);
    return false;
  }
}

/** The rules whose findings carry a secret value (their checklist item is the secrets one). */
const secretRules = new Set(allRules.filter((r) => r.meta.checklistItem === 'no-hardcoded-secrets').map((r) => r.id));
const flagsSecrets = (ruleId: string): boolean => secretRules.has(ruleId);

/** Gives every finding its fingerprint, from the text its file has now (cli/fingerprints.ts). */
function addFingerprints(report: ScanReport, options: Pick<ScanOptions, 'overlay'>): void {
  for (const file of report.files) {
    if (file.findings.length === 0 || !file.location) continue;
    const read = readText(options, file.location.file, Number.POSITIVE_INFINITY);
    const { file: absolute, boundary } = file.location;
    const fromRoot = relative(boundary, absolute).split(sep).join('/');
    const prints = fingerprints(fromRoot, 'text' in read ? read.text : undefined, file.findings, flagsSecrets);
    file.findings = file.findings.map((f, i) => ({ ...f, fingerprint: prints[i] }));
  }
}

/** Leaves out the unsuppressed findings a baseline has, counting them. */
function applyBaseline(report: ScanReport, baseline: ReadonlySet<string>): void {
  let known = 0;
  for (const file of report.files) {
    const kept = file.findings.filter((f) => f.suppressed || !f.fingerprint || !baseline.has(f.fingerprint));
    known += file.findings.length - kept.length;
    file.findings = kept;
  }
  report.baselined = known;
}

/**
 * --fix and --fix-dry-run: safe fixes applied, the project analyzed again, until no fix is left
 * or MAX_FIX_PASSES passes (overlapping fixes wait for the next pass). --fix writes each pass
 * to disk; --fix-dry-run keeps the texts in `options.overlay`, which the next pass analyzes.
 * Returns the last scan and each changed file's text before the first pass.
 */
async function fixPasses<R extends ScanReport>(
  options: ScanOptions,
  first: R,
  again: () => Promise<R>,
  io: { cwd: string; stderr: (s: string) => void },
): Promise<{ report: R; originals: Map<string, string | undefined> } | { status: number }> {
  const overlay = options.overlay;
  const originals = new Map<string, string | undefined>();
  const said = new Set<string>();
  const current = (path: string, boundary: string): DiskFile => {
    const disk = readForFix(path, boundary);
    const text = overlay?.get(path);
    if (text === undefined || 'refused' in disk) return disk;
    return { text, encoding: 'encoding' in disk ? disk.encoding : 'utf8' };
  };
  let report = first;
  let passes = 0;
  for (; passes < MAX_FIX_PASSES; passes++) {
    const { changes, refused } = planFixes(report.files, current);
    for (const { path, reason } of refused) {
      const line = `blah-security: ${displayPath(path, io.cwd)}: fixes not applied: ${reason}\n`;
      if (!said.has(line)) io.stderr(line);
      said.add(line);
    }
    if (changes.size === 0) break;
    for (const [path, change] of changes) {
      if (!originals.has(path)) originals.set(path, change.before);
      if (overlay) {
        overlay.set(path, change.after);
        continue;
      }
      try {
        writeChange(path, change);
      } catch (error) {
        io.stderr(`blah-security: cannot write ${displayPath(path, io.cwd)}: ${(error as Error).message}\n`);
        return { status: 2 };
      }
    }
    report = await again();
  }
  if (!overlay && originals.size > 0)
    io.stderr(
      `blah-security: safe fixes applied to ${originals.size} file${originals.size === 1 ? '' : 's'}${passes === MAX_FIX_PASSES ? ` (stopped after ${MAX_FIX_PASSES} passes)` : ''}\n`,
    );
  return { report, originals };
}

/** A file's own findings with their related places (all in the file) named as the report names the file. */
function withShownRelated(findings: readonly Finding[], shown: string): Finding[] {
  return findings.map((f) => (f.related ? { ...f, related: f.related.map((r) => ({ ...r, path: shown })) } : f));
}

/** What streaming held back: findings decided by the whole project, and project files' findings. */
function lateFindingsText(report: ScanReport, options: { color: boolean; verbose: boolean }): string {
  const late = report.files
    .map((f) =>
      f.projectFile ? f : { path: f.path, findings: f.findings.filter((x) => decidedLate(f, x)), ruleErrors: [] },
    )
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
      process.stderr.write(
        `blah-security: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(2);
    },
  );
}
