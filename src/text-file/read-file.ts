import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../input-error.js';

/** Reads a UTF-8 text file; binary content and invalid UTF-8 are errors that name the line. */
export async function readTextFile(file: string): Promise<string> {
  const bytes = await readBytes(file);
  return decodeUtf8(bytes, file);
}

export async function readBytes(file: string): Promise<Buffer> {
  await checkReadable(file);
  try {
    return await readFile(file);
  } catch (e) {
    throw fileError(file, e);
  }
}

/** Fails with a clear InputError unless `file` is a readable regular file. */
export async function checkReadable(file: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(file)).isDirectory();
  } catch (e) {
    throw fileError(file, e);
  }
  if (isDirectory) throw new InputError(file, 'is a directory, expected a file');
}

function fileError(file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError(file, 'no such file');
  if (code === 'EACCES') return new InputError(file, 'permission denied');
  return new InputError(file, `cannot be read (${code ?? String(e)})`);
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new InputError(file, 'looks like a binary file (it contains NUL bytes), expected UTF-8 text', { line: lineAt(bytes, nul) });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new InputError(file, `is not valid UTF-8 (byte ${offset}); re-save it as UTF-8`, { line: lineAt(bytes, offset) });
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}
