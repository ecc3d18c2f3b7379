// The project's one CSV writer (RFC 4180): exports, `mizan classify` output and anything else
// that hands a table to another tool. Cells are quoted only when needed, quotes are doubled,
// newlines inside cells are kept, text is always UTF-8. Writes are batched and respect
// backpressure, so a million rows stream through in constant memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { guardCell } from './formula-guard.js';

/** What a cell may hold: null is an empty cell, a list is joined with `|`. */
export type CsvCell = string | number | boolean | null | undefined | readonly string[];

export interface CsvWriterOptions {
  /** Excel: UTF-8 byte-order mark first and CRLF line ends, so Excel shows Arabic correctly. */
  excel?: boolean;
  /** Neutralize spreadsheet formulas in data cells (see formula-guard.ts); default true. */
  guard?: boolean;
  /** Join for list cells; default `|`. */
  listSeparator?: string;
}

const BOM = '\uFEFF';
const FLUSH_AT = 1 << 16;
// Quote when RFC 4180 requires it (separator, quote, line break) and when the cell starts or ends
// with whitespace, which some readers would otherwise trim.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as CSV text (quoted if needed). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function cellText(cell: CsvCell, listSeparator = '|'): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return cell.join(listSeparator);
}

/** One row as CSV text, without the line end. */
export function formatCsvRow(cells: readonly CsvCell[], opts: { guard?: boolean; listSeparator?: string } = {}): string {
  const guard = opts.guard ?? true;
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i], opts.listSeparator);
    if (i > 0) line += ',';
    line += csvField(guard ? guardCell(text) : text);
  }
  return line;
}

export class CsvWriter {
  private readonly eol: string;
  private readonly guard: boolean;
  private readonly listSeparator: string;
  private pending: string;
  private rowCount = 0;

  constructor(
    private readonly out: Writable,
    opts: CsvWriterOptions = {},
  ) {
    this.eol = opts.excel === true ? '\r\n' : '\n';
    this.guard = opts.guard ?? true;
    this.listSeparator = opts.listSeparator ?? '|';
    this.pending = opts.excel === true ? BOM : '';
  }

  /** Data rows written so far (the header is not counted). */
  get rows(): number {
    return this.rowCount;
  }

  /** The header is never guarded: it holds Mizan's own column names. */
  async writeHeader(names: readonly string[]): Promise<void> {
    await this.append(formatCsvRow(names, { guard: false }));
  }

  async writeRow(cells: readonly CsvCell[]): Promise<void> {
    this.rowCount++;
    await this.append(formatCsvRow(cells, { guard: this.guard, listSeparator: this.listSeparator }));
  }

  /** Writes out whatever is buffered; the caller decides whether to end the stream (stdout is not ended). */
  async flush(): Promise<void> {
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    await writeChunk(this.out, chunk);
  }

  private async append(line: string): Promise<void> {
    this.pending += line + this.eol;
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }
}

/** Writes `chunk` and, when the stream's buffer is full, waits for 'drain' (or fails on 'error'). */
export async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk, 'utf8')) await once(out, 'drain');
}
