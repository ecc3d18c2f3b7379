import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { checkReadable, firstInvalidUtf8 } from './read-file.js';
import { InputError } from '../input-error.js';
import { utf8ToString } from './utf8-string.js';

/** Bytes of the file decoded so far (for a progress bar). */
export interface ReadCounter {
  bytes: number;
}

/**
 * The file as a stream of strings, decoded strictly: a NUL byte (binary file) or invalid UTF-8
 * fails the stream with an InputError naming the line, instead of importing mojibake.
 */
export async function openTextStream(file: string, counter: ReadCounter = { bytes: 0 }): Promise<Readable> {
  await checkReadable(file);
  let line = 1;
  let first = true;
  /** The bytes of a character cut by the chunk boundary, put in front of the next chunk. */
  let carry: Buffer | undefined;
  // Object mode hands the decoded strings on as they are: in byte mode each one went back into a
  // Buffer that papaparse then decoded again, a tenth of a large import's time.
  const decode = new Transform({
    readableObjectMode: true,
    readableHighWaterMark: 4,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      const nul = chunk.indexOf(0);
      if (nul !== -1) {
        line += countNewlines(chunk.subarray(0, nul));
        return done(new InputError(file, 'looks like a binary file (it contains NUL bytes), expected UTF-8 text', { line }));
      }
      const bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      const end = completeLength(bytes);
      const whole = bytes.subarray(0, end);
      carry = end === bytes.length ? undefined : Buffer.from(bytes.subarray(end));
      // Validate (simdutf), then decode without checking again: faster than a fatal TextDecoder.
      if (!isUtf8(whole)) {
        const bad = line + countNewlines(whole.subarray(0, firstInvalidUtf8(whole)));
        return done(new InputError(file, 'is not valid UTF-8; re-save it as UTF-8', { line: bad }));
      }
      let text = utf8ToString(whole);
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      line += countNewlines(whole);
      done(null, text === '' ? undefined : text);
    },
    flush(done) {
      if (carry === undefined) return done();
      done(new InputError(file, 'ends inside a UTF-8 character (truncated file?)', { line }));
    },
  });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  source.on('error', (e) => decode.destroy(e));
  return source.pipe(decode);
}

/** Length of `bytes` up to the last character that is complete (a cut one is left for later). */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 1;
    return i + len > n ? i : n;
  }
  return n;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  let i = -1;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while ((i = buf.indexOf(0x0a, i + 1)) !== -1) n++;
  return n;
}
