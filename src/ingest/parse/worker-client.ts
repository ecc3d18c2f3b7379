// The main thread's side of src/ingest/parse/worker-thread.ts: the same ParsedTable as parseInThread, with
// the parsing on the other core. A bounded number of batches is in flight (backpressure), errors
// keep their file/row/field, and the worker is stopped whatever way the import ends.
import { startThread } from '../../start-thread.js';
import type { DecidedEncoding } from '../../text-file/encoding.js';
import type { ColumnMapping } from '../options.js';
import { fromWire, identifyRows } from './parse-table.js';
import type { ParsedRow, ParsedTable, ParseSpec, WireError } from './parse-table.js';

export type FromWorker =
  | { type: 'mapping'; mapping: ColumnMapping; encoding: DecidedEncoding | undefined }
  | { type: 'rows'; rows: ParsedRow[]; bytes: number }
  | { type: 'done' }
  | { type: 'error'; error: WireError };
export interface FromMain {
  credits: number;
}

/** Batches in flight: enough to keep both threads busy, few enough to bound memory (~1,000 rows). */
const CREDITS = 4;

export async function parseInWorker(spec: ParseSpec): Promise<ParsedTable> {
  const worker = startThread(new URL('./worker-thread.js', import.meta.url), spec);
  const inbox: FromWorker[] = [];
  let wake: (() => void) | undefined;
  let exited: Error | undefined;
  worker.on('message', (m: FromWorker) => {
    inbox.push(m);
    wake?.();
    wake = undefined;
  });
  worker.on('error', (e) => {
    exited = e;
    wake?.();
  });
  worker.on('exit', (code) => {
    exited ??= new Error(`the import's parsing thread stopped (exit code ${code})`);
    wake?.();
  });
  const next = async (): Promise<FromWorker> => {
    for (;;) {
      const m = inbox.shift();
      if (m !== undefined) return m;
      if (exited !== undefined) throw exited;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  const stop = () => void worker.terminate();

  let first: FromWorker;
  try {
    first = await next();
  } catch (e) {
    stop();
    throw e;
  }
  if (first.type === 'error') {
    stop();
    throw fromWire(first.error);
  }
  if (first.type !== 'mapping') {
    stop();
    throw new Error(`the import's parsing thread sent ${first.type} before the columns`);
  }
  worker.postMessage({ credits: CREDITS } satisfies FromMain);
  let bytes = 0;
  return {
    mapping: first.mapping,
    encoding: first.encoding,
    bytesRead: () => bytes,
    async *batches() {
      try {
        for (;;) {
          const m = await next();
          if (m.type === 'done') return;
          if (m.type === 'error') throw fromWire(m.error);
          if (m.type !== 'rows') throw new Error(`the import's parsing thread sent ${m.type} twice`);
          bytes = m.bytes;
          if (!spec.encodeText) {
            for (const r of m.rows) if (r.article !== null) r.article.rawText ??= r.article.body;
            identifyRows(m.rows, spec.nearDup);
          }
          yield m.rows;
          worker.postMessage({ credits: 1 } satisfies FromMain);
        }
      } finally {
        stop();
      }
    },
  };
}
