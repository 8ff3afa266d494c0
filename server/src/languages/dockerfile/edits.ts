// Edits Dockerfile fixes share: new lines above an instruction, in the file's line endings.
import type { Instruction } from 'dockerfile-ast';
import type { OffsetEdit } from '../../core/rule';
import type { DockerModel } from './model';

/** Inserts whole lines above `instruction` with its indentation. */
export function insertLinesBefore(model: DockerModel, instruction: Instruction, lines: readonly string[]): OffsetEdit {
  const start = model.instructionSpan(instruction).start;
  const lineStart = model.text.lastIndexOf('\n', start - 1) + 1;
  const indentation = /^[ \t]*/.exec(model.text.slice(lineStart, start))?.[0] ?? '';
  const eol = model.lines.eol;
  return { start: lineStart, end: lineStart, newText: lines.map((line) => indentation + line).join(eol) + eol };
}

/** Appends lines at the end of the file. */
export function appendLines(model: DockerModel, lines: readonly string[]): OffsetEdit {
  const eol = model.lines.eol;
  const end = model.text.length;
  const needsBreak = end > 0 && !/\r?\n$/.test(model.text);
  return { start: end, end, newText: (needsBreak ? eol : '') + lines.join(eol) + eol };
}

/** Removes an instruction's whole lines. */
export function removeInstruction(model: DockerModel, instruction: Instruction): OffsetEdit {
  const span = model.instructionSpan(instruction);
  const lineStart = model.text.lastIndexOf('\n', span.start - 1) + 1;
  let end = span.end;
  if (model.text.startsWith('\r\n', end)) end += 2;
  else if (model.text[end] === '\n') end += 1;
  return { start: lineStart, end, newText: '' };
}

/** Every match of `pattern` in the RUN instructions' shell text, with file offsets. */
export function* shellMatches(
  model: DockerModel,
  instructions: readonly Instruction[],
  pattern: RegExp,
): Generator<{ instruction: Instruction; match: RegExpExecArray; start: number; end: number }> {
  for (const instruction of instructions) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const { text, start } = model.shellText(instruction);
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      yield { instruction, match: m, start: start + m.index, end: start + m.index + m[0].length };
      if (m[0].length === 0) re.lastIndex++;
    }
  }
}
