// Streams a CSV file through papaparse, row by row, with backpressure: the parser pauses while
// the consumer (the import transaction) catches up, so a large file never sits in memory. The file
// stream pauses with it: papaparse's pause (of the handle given to `step`) only stops the parser,
// and the stream went on reading, queueing the rest of the file inside papaparse as strings
// whenever the import was slower than the disk.
import Papa from 'papaparse';
import type { Parser, ParseStepResult } from 'papaparse';
import { openTextStream } from '../text-file/decode-stream.js';
import type { ReadCounter } from '../text-file/decode-stream.js';
import type { EncodingChoice } from '../text-file/encoding.js';
import { InputError } from '../input-error.js';
import type { InputRecord, RecordSource } from './records.js';

const HIGH_WATER = 2000;

export async function openCsv(file: string, opts: { encoding?: EncodingChoice } = {}): Promise<RecordSource> {
  const counter: ReadCounter = { bytes: 0 };
  const stream = await openTextStream(file, counter, opts.encoding);
  let header: string[] = [];
  const queue: InputRecord[] = [];
  let failure: InputError | undefined;
  let done = false;
  let wake: (() => void) | undefined;
  let parser: Parser | undefined;
  let row = 0;
  // papaparse's resume() on a parser that is not paused polls every 3 ms until it halts — forever,
  // if it never does — so only resume what we paused.
  let paused = false;
  const resume = () => {
    if (!paused) return;
    paused = false;
    parser?.resume();
    // The rows still in papaparse's current chunk may have filled the queue again.
    if (!paused) stream.resume();
  };
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  Papa.parse(stream as unknown as File, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
    step(result: ParseStepResult<Record<string, unknown>>, p: Parser) {
      parser = p;
      row++;
      if (header.length === 0) header = result.meta.fields ?? [];
      const error = result.errors[0];
      if (error !== undefined) {
        failure = new InputError(file, csvProblem(error.code, error.message), { row });
        p.abort();
        return;
      }
      queue.push({ row, fields: result.data });
      if (queue.length >= HIGH_WATER && !paused) {
        paused = true;
        p.pause();
        stream.pause();
      }
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(e: Error) {
      failure = e instanceof InputError ? e : new InputError(file, `cannot be read as CSV (${e.message})`);
      done = true;
      notify();
    },
  });

  // A function, so the check reads `failure` as the parser's callbacks last set it.
  function throwIfFailed(): void {
    if (failure !== undefined) throw failure;
  }

  async function* records(): AsyncIterable<InputRecord> {
    for (;;) {
      throwIfFailed();
      const next = queue.shift();
      if (next !== undefined) {
        if (queue.length < HIGH_WATER / 2) resume();
        yield next;
        continue;
      }
      if (done) {
        throwIfFailed();
        if (row === 0) throw new InputError(file, 'is empty: expected a header row and at least one data row');
        return;
      }
      resume();
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  // The header is known once the first row has been parsed.
  const iterator = records()[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    columns: () => header,
    bytesRead: () => counter.bytes,
    encoding: () => counter.decided,
    async *records() {
      if (first.done === true) return;
      yield first.value;
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) yield r.value;
    },
  };
}

function csvProblem(code: string, message: string): string {
  switch (code) {
    case 'MissingQuotes':
      return 'a quoted field is never closed (unterminated quote)';
    case 'TooManyFields':
    case 'TooFewFields':
      return `${message.toLowerCase()} (check the delimiter and quoting)`;
    default:
      return `not valid CSV: ${message}`;
  }
}
