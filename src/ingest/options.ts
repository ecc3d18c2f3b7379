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
}

export const DEFAULT_IMPORT_ANNOTATOR = 'import';
