// Worker thread of a large CSV/JSONL import (see src/ingest/parsed-rows.ts): reads, decodes, parses
// and content-hashes rows and hands them to the main thread in batches. Only as many batches as the
// main thread has granted are in flight: the worker waits for it (and so for the database).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParsedRow, ParseSpec } from './parsed-rows.js';
import { parseInThread, toWire } from './parsed-rows.js';
import type { FromMain, FromWorker } from './worker-parse.js';

const port = parentPort!;
const spec = workerData as ParseSpec;
let credits = 0;
let wake: (() => void) | undefined;
port.on('message', (m: FromMain) => {
  credits += m.credits;
  wake?.();
  wake = undefined;
});

const post = (m: FromWorker) => port.postMessage(m);

/** The body is the raw text of most CSV/JSONL rows: it crosses once (the main thread restores it). */
function slim(rows: ParsedRow[]): ParsedRow[] {
  for (const r of rows) if (r.article !== null && r.article.rawText === r.article.body) (r.article as { rawText: string | null }).rawText = null;
  return rows;
}

try {
  const table = await parseInThread(spec);
  post({ type: 'mapping', mapping: table.mapping });
  for await (const batch of table.batches()) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    post({ type: 'rows', rows: slim(batch) });
  }
  post({ type: 'done' });
} catch (e) {
  post({ type: 'error', error: toWire(e) });
}

