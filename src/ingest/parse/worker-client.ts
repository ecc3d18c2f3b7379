// The main thread's side of src/ingest/parse/worker-thread.ts: the same ParsedTable as parseInThread, with
// the parsing on the other core. A bounded number of batches is in flight (backpressure), errors
// keep their file/row/field, and the worker is stopped whatever way the import ends.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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

function startWorker(spec: ParseSpec): Worker {
  // Compiled (dist/): the .js next to this file. From the sources (tsx, vitest): the .ts, through
  // tsx's loader registered in the worker first, as bin/mizan.js does for the main thread.
  if (import.meta.url.endsWith('.js')) {
    // The worker inherits Node's flags, except one that only applies to a main script given as text.
    // Only then is the list given: an explicit list may not hold V8's flags (--max-old-space-size,
    // --trace-gc…), which the inherited default carries without complaint.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const url = new URL('./worker-thread.js', import.meta.url);
    return new Worker(url, { workerData: spec, ...(execArgv.length === process.execArgv.length ? {} : { execArgv }) });
  }
  // require.resolve finds the API's CommonJS build; its ES module sits next to it.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const entry = new URL('./worker-thread.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: spec });
}

export async function parseInWorker(spec: ParseSpec): Promise<ParsedTable> {
  const worker = startWorker(spec);
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
