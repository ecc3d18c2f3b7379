// CSV/JSONL rows parsed up to the point where the database is needed: decoded, mapped to an
// article, content-hashed, with the raw label values. This is the import's CPU-heavy half; for a
// large file it runs in a worker thread (src/ingest/parse/worker-thread.ts) while the main thread writes,
// so an import uses both cores. Both paths run the same `parseRecord`, so they cannot differ.
import { openCsv } from '../../table/csv-read.js';
import { identify, identityOf } from '../draft.js';
import type { ArticleRow } from '../draft.js';
import { InputError, isInputError } from '../../input-error.js';
import type { InputFile } from '../read/input-files.js';
import { openJsonl } from '../../table/jsonl-read.js';
import type { ColumnMapping, ImportOptions } from '../options.js';
import { draftFromRecord, labelsFromRecord, resolveMapping } from './row-draft.js';
import type { RawLabels } from './row-draft.js';
import type { InputRecord } from '../../table/records.js';
import type { DecidedEncoding, EncodingChoice } from '../../text-file/encoding.js';

/** One data row: an article (null when rejected for an empty text, with the warning) and its labels. */
export interface ParsedRow {
  row: number;
  article: ArticleRow | null;
  warning?: string;
  labels: RawLabels | null;
}

export interface ParsedTable {
  mapping: ColumnMapping;
  /** Rows in file order, in batches; a bad row throws its InputError after the rows before it. */
  batches(): AsyncIterable<ParsedRow[]>;
  /** Bytes of the file read so far: for a progress bar, a little ahead of the batches handed out. */
  bytesRead(): number;
  /** How the file was decoded. */
  encoding: DecidedEncoding | undefined;
}

/** What a parse needs from the import options (also what the worker is sent). */
export interface ParseSpec {
  file: string;
  format: 'csv' | 'jsonl';
  columns: ColumnMapping;
  target: string | undefined;
  encoding: EncodingChoice;
  /** Compute near-duplicate signatures along with the content hash. */
  nearDup: boolean;
  /** Worker only: send the texts as UTF-8 bytes (ArticleRow.utf8), for a direct SQLite write. */
  encodeText: boolean;
  /**
   * Worker only: parse without the content hash (id and contentHash left ''), so that the worker can
   * leave it to the main thread for batches the main thread is waiting for (src/ingest/parse/worker-thread.ts).
   */
  deferHash?: boolean;
}

export const BATCH_ROWS = 256;

export function parseSpec(file: InputFile, options: ImportOptions, encodeText: boolean): ParseSpec {
  return {
    file: file.path,
    format: file.format === 'jsonl' ? 'jsonl' : 'csv',
    columns: options.columns,
    target: options.target,
    encoding: options.encoding ?? 'auto',
    nearDup: options.nearDup !== null,
    encodeText,
  };
}

export function parseRecord(record: InputRecord, mapping: ColumnMapping, spec: ParseSpec): ParsedRow {
  let article: ArticleRow;
  try {
    const draft = draftFromRecord(record, mapping, spec.file);
    article = spec.deferHash === true ? { ...draft, id: '', contentHash: '' } : identify(draft, spec.nearDup);
  } catch (e) {
    if (isInputError(e) && e.problem === 'the text is empty') return { row: record.row, article: null, warning: `${e.message}: row skipped`, labels: null };
    throw e;
  }
  return { row: record.row, article, labels: labelsFromRecord(record, mapping, spec.target) };
}

/** Opens the file and checks the columns (errors name the file), then parses rows on this thread. */
export async function parseInThread(spec: ParseSpec): Promise<ParsedTable> {
  const open = spec.format === 'csv' ? openCsv : openJsonl;
  const source = await open(spec.file, { encoding: spec.encoding });
  const mapping = resolveMapping(spec.columns, source.columns(), spec.file, spec.target !== undefined);
  return { mapping, batches: () => batchRows(source.records(), mapping, spec), bytesRead: () => source.bytesRead?.() ?? 0, encoding: source.encoding?.() };
}

async function* batchRows(records: AsyncIterable<InputRecord>, mapping: ColumnMapping, spec: ParseSpec): AsyncIterable<ParsedRow[]> {
  let batch: ParsedRow[] = [];
  let failure: { error: unknown } | undefined;
  try {
    for await (const record of records) {
      batch.push(parseRecord(record, mapping, spec));
      if (batch.length >= BATCH_ROWS) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    failure = { error };
  }
  // The rows before a bad one go first: an earlier row's own error (an unknown label, found on
  // the main thread) is the one to report.
  if (batch.length > 0) yield batch;
  if (failure !== undefined) throw failure.error;
}

/** Gives the rows parsed with `deferHash` their identity (where the worker has not). */
export function identifyRows(rows: readonly ParsedRow[], nearDup: boolean): void {
  for (const { article } of rows) if (article !== null && article.contentHash === '') Object.assign(article, identityOf(article, nearDup));
}

/** An error as it crosses the thread boundary: InputErrors keep file, problem and place. */
export type WireError =
  | { kind: 'input'; file: string; problem: string; where: { row?: number; line?: number; field?: string } }
  | { kind: 'other'; message: string; stack: string | undefined };

export function toWire(e: unknown): WireError {
  if (isInputError(e)) return { kind: 'input', file: e.file, problem: e.problem, where: e.where };
  const error = e instanceof Error ? e : new Error(String(e));
  return { kind: 'other', message: error.message, stack: error.stack };
}

export function fromWire(w: WireError): Error {
  if (w.kind === 'input') return new InputError(w.file, w.problem, w.where);
  const error = new Error(w.message);
  if (w.stack !== undefined) error.stack = w.stack;
  return error;
}
