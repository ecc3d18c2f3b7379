import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { InputError } from '../input-error.js';
import { bomOf, completeUtf8Length, decideEncoding } from './encoding.js';
import type { DecidedEncoding, EncodingChoice } from './encoding.js';
import { checkReadable, firstInvalidUtf8 } from './read-file.js';
import { utf8ToString } from './utf8-string.js';

/** Bytes of the file decoded so far (for a progress bar), and the encoding once decided. */
export interface ReadCounter {
  bytes: number;
  decided?: DecidedEncoding;
}

const NOT_UTF8 = 'is not valid UTF-8; re-save it as UTF-8 or name its encoding with --encoding';

/**
 * The file as a stream of strings, decoded strictly: a NUL byte (binary file) or an invalid byte
 * fails the stream with an InputError naming the line, instead of importing mojibake. With `auto`,
 * the first chunk (1 MiB) decides the encoding (src/text-file/encoding.ts); UTF-8 takes the fast
 * path (simdutf validation, then an unchecked decode), anything else a fatal TextDecoder.
 */
export async function openTextStream(file: string, counter: ReadCounter = { bytes: 0 }, choice: EncodingChoice = 'auto'): Promise<Readable> {
  await checkReadable(file);
  let line = 1;
  let first = true;
  /** The bytes of a character cut by the chunk boundary, put in front of the next chunk. */
  let carry: Buffer | undefined;
  /** Set when the file is not UTF-8. */
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let wide = false;
  const fail = (problem: string, at: number) => new InputError(file, problem, { line: at });
  const other = (chunk: Buffer): string => {
    try {
      const text = decoder!.decode(chunk, { stream: true });
      line += countLines(text);
      return text;
    } catch {
      throw fail(`is not valid ${decoder!.encoding}`, line + countLines(badPrefix(chunk, decoder!.encoding)));
    }
  };
  // Object mode hands the decoded strings on as they are: in byte mode each one went back into a
  // Buffer that papaparse then decoded again, a tenth of a large import's time.
  const decode = new Transform({
    readableObjectMode: true,
    readableHighWaterMark: 4,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (first) {
        first = false;
        const utf16 = choice.startsWith('utf-16') || (choice === 'auto' && bomOf(chunk)?.encoding.startsWith('utf-16') === true);
        const nul = utf16 ? -1 : chunk.indexOf(0);
        if (nul !== -1) return done(fail('looks like a binary file (it contains NUL bytes), expected text', 1 + countNewlines(chunk.subarray(0, nul))));
        const decided = decideEncoding(choice, chunk, { whole: false });
        if (decided === undefined) return done(fail(NOT_UTF8, 1 + countNewlines(chunk.subarray(0, firstInvalidUtf8(chunk)))));
        counter.decided = decided;
        chunk = chunk.subarray(decided.skip);
        if (decided.encoding !== 'utf-8') {
          decoder = new TextDecoder(decided.encoding, { fatal: true });
          wide = decided.encoding.startsWith('utf-16');
        }
      }
      if (!wide) {
        const nul = chunk.indexOf(0);
        if (nul !== -1) {
          line += countNewlines(chunk.subarray(0, nul));
          return done(fail('looks like a binary file (it contains NUL bytes), expected text', line));
        }
      }
      if (decoder !== undefined) {
        try {
          const text = other(chunk);
          return done(null, text === '' ? undefined : text);
        } catch (e) {
          return done(e as Error);
        }
      }
      const bytes = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
      const end = completeUtf8Length(bytes);
      const whole = bytes.subarray(0, end);
      carry = end === bytes.length ? undefined : Buffer.from(bytes.subarray(end));
      // Validate (simdutf), then decode without checking again: faster than a fatal TextDecoder.
      if (!isUtf8(whole)) return done(fail(NOT_UTF8, line + countNewlines(whole.subarray(0, firstInvalidUtf8(whole)))));
      const text = utf8ToString(whole);
      line += countNewlines(whole);
      done(null, text === '' ? undefined : text);
    },
    flush(done) {
      if (decoder !== undefined) {
        try {
          const rest = decoder.decode();
          return done(null, rest === '' ? undefined : rest);
        } catch {
          return done(fail(`ends inside a ${decoder.encoding} character (truncated file?)`, line));
        }
      }
      if (carry === undefined) return done();
      done(fail('ends inside a UTF-8 character (truncated file?)', line));
    },
  });
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  source.on('error', (e) => decode.destroy(e));
  return source.pipe(decode);
}

/** The text of `chunk` before its first byte that `encoding` cannot decode. */
function badPrefix(chunk: Buffer, encoding: string): string {
  const text = new TextDecoder(encoding).decode(chunk);
  const at = text.indexOf('\ufffd');
  return at === -1 ? text : text.slice(0, at);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  let i = -1;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while ((i = buf.indexOf(0x0a, i + 1)) !== -1) n++;
  return n;
}
