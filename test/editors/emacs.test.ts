// The README's Eglot snippet in a real Emacs (batch mode: no terminal, the same Eglot and Flymake):
// opens a TypeScript file, a Dockerfile and an nginx.conf of a fresh git project as a user would
// (the mode hooks run eglot-ensure), waits for Flymake's diagnostics, and reports them.
// Property: every file gets its language's finding, from one server rooted at the project, with
// no warning from Eglot and no error in its events.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  editorProject,
  executable,
  isolatedEnv,
  lspBin,
  missing,
  projectFiles,
  readmeSnippet,
  replaceOnce,
  resultLine,
  skipEditors,
} from '../helpers/editors';

const emacs = executable('emacs');

/** Makes packages installed by the system (Debian's elpa-eglot) loadable before the snippet runs. */
const prelude = `(require 'package)
(package-initialize)
`;

/** Opens the files in BLAH_FILES one after the other, waits for Flymake's diagnostics, prints them. */
const harness = `;;; -*- lexical-binding: t -*-
(require 'json)
(require 'lisp-mnt)
(setq eglot-sync-connect 30)
(defun blah-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))
(defun blah-codes (buffer)
  (with-current-buffer buffer
    (mapcar (lambda (d)
              (let ((text (flymake-diagnostic-text d)))
                (if (string-match "\\\\[\\\\([a-z]+/[a-z0-9-]+\\\\)\\\\]" text) (match-string 1 text) text)))
            (flymake-diagnostics))))
(let* ((started (float-time))
       (buffers
        (mapcar (lambda (file)
                  (with-current-buffer (find-file-noselect file)
                    ;; Batch Emacs runs no command: run the hook eglot-ensure waits for.
                    (run-hooks 'post-command-hook)
                    (blah-wait (lambda () eglot--managed-mode) 30)
                    (current-buffer)))
                (split-string (getenv "BLAH_FILES") "\\n" t))))
  (dolist (buffer buffers)
    (with-current-buffer buffer
      (blah-wait (lambda () (when eglot--managed-mode (flymake-start) (flymake-diagnostics))) 30)))
  (let* ((servers (apply #'append (hash-table-values eglot--servers-by-project)))
         (problems '()))
    (dolist (server servers)
      (with-current-buffer (jsonrpc-events-buffer server)
        (goto-char (point-min))
        (while (re-search-forward ":error\\\\|:method \\"window/\\\\(?:logMessage\\\\|showMessage\\\\)\\"" nil t)
          (push (buffer-substring (line-beginning-position) (min (point-max) (+ (line-end-position) 200))) problems))))
    (princ (concat "RESULT "
                   (json-encode
                    \`((emacs . ,emacs-version)
                      (eglot . ,(let ((desc (cadr (assq 'eglot package-alist))))
                                  (if desc (package-version-join (package-desc-version desc))
                                    (or (lm-version (find-library-name "eglot")) "built in"))))
                      (ms . ,(round (* 1000 (- (float-time) started))))
                      (files . ,(vconcat (mapcar (lambda (b) \`((path . ,(buffer-file-name b))
                                                               (mode . ,(symbol-name (buffer-local-value 'major-mode b)))
                                                               (codes . ,(vconcat (blah-codes b)))))
                                                 buffers)))
                      (servers . ,(vconcat (mapcar (lambda (s) \`((root . ,(directory-file-name (expand-file-name (project-root (eglot--project s)))))
                                                                 (buffers . ,(length (eglot--managed-buffers s)))))
                                                   servers)))
                      (problems . ,(vconcat (nreverse problems)))))
                   "\\n"))
    (dolist (server servers) (eglot-shutdown server))))
(kill-emacs 0)
`;

interface EmacsResult {
  emacs: string;
  eglot: string;
  ms: number;
  files: Array<{ path: string; mode: string; codes: string[] }>;
  servers: Array<{ root: string; buffers: number }>;
  problems: string[];
}

describe('the README Eglot snippet in Emacs', () => {
  const folders: string[] = [];
  after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

  it(
    'Eglot: diagnostics for TypeScript, Dockerfile and nginx, and nothing to warn about',
    { skip: skipEditors },
    (t) => {
      if (!emacs) assert.fail(missing('Emacs', 'emacs-nox elpa-eglot'));
      const { root, home, files } = editorProject('blah-emacs-');
      folders.push(dirname(root));
      const snippet = replaceOnce(
        readmeSnippet('emacs-eglot'),
        '("npx" "blah-security-lsp" "--stdio")',
        `(${JSON.stringify(process.execPath)} ${JSON.stringify(lspBin)} "--stdio")`,
      );
      const scripts = { prelude, snippet, harness };
      for (const [name, text] of Object.entries(scripts)) writeFileSync(join(home, `${name}.el`), text);
      const result = spawnSync(
        emacs,
        ['-q', '--batch', ...Object.keys(scripts).flatMap((name) => ['-l', join(home, `${name}.el`)])],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 90000,
          env: isolatedEnv(home, { BLAH_FILES: files.join('\n') }),
        },
      );
      assert.equal(
        result.status,
        0,
        `emacs exited with ${result.status} ${result.signal ?? ''}\n${result.stdout}\n${result.stderr}`,
      );
      const outcome = resultLine(result.stdout) as EmacsResult;
      for (const [path, { rule }] of Object.entries(projectFiles)) {
        const file = outcome.files.find((f) => f.path === join(root, path));
        assert.ok(file, `${path} was not opened: ${JSON.stringify(outcome)}`);
        assert.ok(
          file.codes.includes(rule),
          `${path} (${file.mode}) has no ${rule}: ${file.codes.join(', ') || 'no diagnostics'}\n${result.stderr}`,
        );
      }
      assert.deepEqual(
        outcome.servers,
        [{ root, buffers: files.length }],
        'one server for the project, managing every file',
      );
      // Errors and the server's warnings in Eglot's events buffer (information and log lines are fine).
      assert.deepEqual(
        outcome.problems.filter((p) => !/:type [34]\b/.test(p)),
        [],
        'errors or warnings in the Eglot events buffer',
      );
      assert.doesNotMatch(result.stderr, /Warning \(eglot\)|\(warning\)/, result.stderr);
      t.diagnostic(
        `Emacs ${outcome.emacs}, Eglot ${outcome.eglot}: ${outcome.files.map((f) => `${f.path.split('/').pop()} ${f.codes.length}`).join(', ')} diagnostics, all within ${outcome.ms} ms`,
      );
    },
  );
});
