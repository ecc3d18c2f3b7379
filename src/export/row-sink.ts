// Where export rows go: CSV (through the shared writer) or JSON Lines, one object per row keyed by
// the same column names. JSONL keeps types (lists, booleans, numbers, null) and is never
// formula-guarded: it is read by programs, not opened in spreadsheets.
import type { Writable } from 'node:stream';
import { CsvWriter, writeChunk } from '../table/csv-write.js';
import type { CsvCell } from '../table/csv-write.js';
import type { ExportFormat } from './columns.js';
import { jsonlLine } from '../table/jsonl-write.js';

export interface RowSink {
  header(columns: readonly string[]): Promise<void>;
  row(cells: readonly CsvCell[]): Promise<void>;
  flush(): Promise<void>;
}

export function createSink(out: Writable, format: ExportFormat, opts: { excel: boolean; guard: boolean }): RowSink {
  if (format === 'csv') {
    const csv = new CsvWriter(out, { excel: opts.excel, guard: opts.guard });
    return { header: (c) => csv.writeHeader(c), row: (cells) => csv.writeRow(cells), flush: () => csv.flush() };
  }
  return new JsonlSink(out);
}

const FLUSH_AT = 1 << 16;

class JsonlSink implements RowSink {
  private columns: readonly string[] = [];
  private pending = '';

  constructor(private readonly out: Writable) {}

  async header(columns: readonly string[]): Promise<void> {
    this.columns = columns;
  }

  async row(cells: readonly CsvCell[]): Promise<void> {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < this.columns.length; i++) record[this.columns[i]!] = cells[i] ?? null;
    this.pending += jsonlLine(record);
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    await writeChunk(this.out, chunk);
  }
}
