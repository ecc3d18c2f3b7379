import type { EncodingChoice } from '../text-file/encoding.js';

/** Where each article field (and label) is found in a CSV/JSONL input. */
export interface ColumnMapping {
  text?: string;
  title?: string;
  id?: string;
  source?: string;
  date?: string;
  url?: string;
  topic?: string;
  stance?: string;
  target?: string;
}

export interface ImportOptions {
  columns: ColumnMapping;
  /** Stance target for every row (instead of a per-row --target-col). */
  target?: string;
  /** Who the imported labels belong to. */
  annotator: string;
  extendCodebook: boolean;
  /**
   * Where CSV/JSONL rows are parsed and hashed: `auto` (default) uses a worker thread for files of
   * 4 MB and more, so parsing and database writes run on two cores; tests force either path.
   */
  parseThread?: 'auto' | 'worker' | 'main';
  /** The inputs' text encoding; `auto` (default) finds it per file (src/text-file/encoding.ts). */
  encoding?: EncodingChoice;
  /** Near-copy threshold (estimated Jaccard of word shingles); null: no grouping. Default DEFAULT_NEAR_DUP. */
  nearDup?: number | null;
}

export const DEFAULT_NEAR_DUP = 0.4;

export const DEFAULT_IMPORT_ANNOTATOR = 'import';
