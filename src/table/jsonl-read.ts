import { createInterface } from 'node:readline';
import { openTextStream } from '../text-file/decode-stream.js';
import type { ReadCounter } from '../text-file/decode-stream.js';
import type { EncodingChoice } from '../text-file/encoding.js';
import { InputError } from '../input-error.js';
import type { InputRecord, RecordSource } from './records.js';

/** JSON Lines: one object per line; blank lines are ignored; `row` is the line number. */
export async function openJsonl(file: string, opts: { encoding?: EncodingChoice } = {}): Promise<RecordSource> {
  const counter: ReadCounter = { bytes: 0 };
  const stream = await openTextStream(file, counter, opts.encoding);
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const seen = new Set<string>();
  let line = 0;

  async function nextRecord(): Promise<InputRecord | undefined> {
    for (;;) {
      const r = await lines.next();
      if (r.done === true) return undefined;
      line++;
      const text = r.value.trim();
      if (text === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new InputError(file, `not valid JSON (${(e as Error).message})`, { line });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InputError(file, 'each line must be a JSON object', { line });
      }
      for (const key of Object.keys(value)) seen.add(key);
      return { row: line, fields: value as Record<string, unknown> };
    }
  }

  const first = await nextRecord();
  if (first === undefined) throw new InputError(file, 'is empty: expected one JSON object per line');
  return {
    columns: () => [...seen],
    bytesRead: () => counter.bytes,
    encoding: () => counter.decided,
    async *records() {
      yield first;
      for (let r = await nextRecord(); r !== undefined; r = await nextRecord()) yield r;
    },
  };
}
