// Worker thread of a large CSV/JSONL import (see src/ingest/parse/parse-table.ts): reads, decodes, parses
// and content-hashes rows and hands them to the main thread in batches. Only as many batches as the
// main thread has granted are in flight: the worker waits for it (and so for the database).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParsedRow, ParseSpec } from './parse-table.js';
import { identifyRows, parseInThread, toWire } from './parse-table.js';
import type { FromMain, FromWorker } from './worker-client.js';

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

const encoder = new TextEncoder();

/**
 * Prepares a batch for the trip: the body is the raw text of most CSV/JSONL rows, so it crosses
 * once; with encodeText, all texts go as UTF-8 in one buffer that is moved, not copied, and that
 * the main thread binds without converting (src/db/direct-sqlite.ts).
 */
function forWire(rows: ParsedRow[]): ArrayBuffer[] {
  if (!spec.encodeText) {
    for (const r of rows) if (r.article !== null && r.article.rawText === r.article.body) (r.article as { rawText: string | null }).rawText = null;
    return [];
  }
  let bound = 0;
  for (const { article: a } of rows) if (a !== null) bound += 3 * (a.title.length + a.body.length + (a.rawText === a.body ? 0 : a.rawText.length));
  const bytes = new Uint8Array(bound);
  let at = 0;
  const put = (text: string) => {
    const start = at;
    at += encoder.encodeInto(text, bytes.subarray(at)).written;
    return bytes.subarray(start, at);
  };
  for (const { article: a } of rows) {
    if (a === null) continue;
    a.utf8 = { title: put(a.title), body: put(a.body), rawText: a.rawText === a.body ? null : put(a.rawText) };
    a.title = a.body = a.rawText = '';
  }
  return [bytes.buffer];
}

// Texts sent as strings (no encodeText) can be hashed on either thread, and the content hash is
// two thirds of this thread's work per row. So a batch goes without its hashes, which the main
// thread computes (it writes articles only and has time to spare), unless the main thread is behind,
// with every other batch queued: then this thread hashes. The split follows whichever thread is
// behind (100k articles: ~5.6 → ~5.2 s). With encodeText the texts leave here as UTF-8 bytes, and
// the main thread, which writes labels as well, is the one behind anyway.
const shareHashing = !spec.encodeText;

try {
  const table = await parseInThread({ ...spec, deferHash: shareHashing });
  post({ type: 'mapping', mapping: table.mapping, encoding: table.encoding });
  for await (const batch of table.batches()) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    // No credit left: the main thread has every other batch queued and is the one behind.
    if (!shareHashing || credits === 0) identifyRows(batch, spec.nearDup);
    const transfer = forWire(batch);
    port.postMessage({ type: 'rows', rows: batch, bytes: table.bytesRead() } satisfies FromWorker, transfer);
  }
  post({ type: 'done' });
} catch (e) {
  post({ type: 'error', error: toWire(e) });
}
