import type { DecidedEncoding } from '../text-file/encoding.js';

/** One input record of a tabular file, before column mapping. `row` counts data rows from 1. */
export interface InputRecord {
  row: number;
  fields: Record<string, unknown>;
}

export interface RecordSource {
  /** Column names (CSV header, or the union of keys seen so far in JSONL). */
  columns(): string[];
  records(): AsyncIterable<InputRecord>;
  /** Bytes of the file read so far (a little ahead of the records handed out); absent for a pipe. */
  bytesRead?(): number;
  /** How the file's text was decoded (once its first bytes are read); absent for a pipe. */
  encoding?(): DecidedEncoding | undefined;
}
