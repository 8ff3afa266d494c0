import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const NOTES_DIR = path.resolve('notes');

export async function listNotes(): Promise<string[]> {
  return readdir(NOTES_DIR);
}

export async function readNote(name: string): Promise<string> {
  const file = path.resolve(NOTES_DIR, name);
  const inside = path.relative(NOTES_DIR, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) throw new Error('note outside the notes folder');
  return readFile(file, 'utf8');
}
