import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const NOTES_DIR = path.resolve('notes');

export async function listNotes(): Promise<string[]> {
  return readdir(NOTES_DIR);
}

export async function readNote(name: string): Promise<string> {
  const file = path.join(NOTES_DIR, name);
  return readFile(file, 'utf8');
}
