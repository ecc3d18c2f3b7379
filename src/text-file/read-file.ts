import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../input-error.js';
import { bomOf, decideEncoding } from './encoding.js';
import type { DecidedEncoding, EncodingChoice } from './encoding.js';

export interface DecodedFile {
  text: string;
  decided: DecidedEncoding;
}

/** Reads a UTF-8 text file; binary content and invalid UTF-8 are errors that name the line. */
export async function readTextFile(file: string): Promise<string> {
  return (await readDecodedFile(file, 'utf-8')).text;
}

/** Reads a text file in `choice` (or the encoding `auto` finds; `html`: the page's declaration counts). */
export async function readDecodedFile(file: string, choice: EncodingChoice, opts: { html?: boolean } = {}): Promise<DecodedFile> {
  const bytes = await readBytes(file);
  return decodeBytes(bytes, file, choice, opts);
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

export function decodeBytes(bytes: Uint8Array, file: string, choice: EncodingChoice = 'utf-8', opts: { html?: boolean } = {}): DecodedFile {
  // NUL bytes: a binary file, unless the text is UTF-16 (given, or by its BOM).
  const wide = choice.startsWith('utf-16') || (choice === 'auto' && bomOf(bytes)?.encoding.startsWith('utf-16') === true);
  const nul = wide ? -1 : bytes.indexOf(0);
  if (nul !== -1) throw new InputError(file, 'looks like a binary file (it contains NUL bytes), expected text', { line: lineAt(bytes, nul) });
  const decided = decideEncoding(choice, bytes, { whole: true, html: opts.html });
  if (decided === undefined) throw notUtf8(bytes, file);
  const body = bytes.subarray(decided.skip);
  try {
    const text = new TextDecoder(decided.encoding, { fatal: true, ignoreBOM: true }).decode(body);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, decided };
  } catch {
    if (decided.encoding === 'utf-8') throw notUtf8(body, file);
    const loose = new TextDecoder(decided.encoding).decode(body);
    const at = loose.indexOf('\ufffd');
    const line = 1 + (loose.slice(0, at).match(/\n/g)?.length ?? 0);
    throw new InputError(file, `is not valid ${decided.encoding}`, { line });
  }
}

function notUtf8(bytes: Uint8Array, file: string): InputError {
  const offset = firstInvalidUtf8(bytes);
  return new InputError(file, `is not valid UTF-8 (byte ${offset}); re-save it as UTF-8 or name its encoding with --encoding`, { line: lineAt(bytes, offset) });
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
