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
}

export const DEFAULT_IMPORT_ANNOTATOR = 'import';
