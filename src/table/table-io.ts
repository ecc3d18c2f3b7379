// Rows in and out for `mizan classify` and `mizan eval`: CSV or JSON Lines by file extension (or
// --format for `-`, stdin/stdout), streamed. Files go through the importer's strict readers (UTF-8
// checks, unterminated quotes with their row); stdin through papaparse's stream mode or readline.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import Papa from 'papaparse';
import { CsvWriter, writeChunk } from './csv-write.js';
import type { CsvCell } from './csv-write.js';
import { openCsv } from './csv-read.js';
import { InputError } from '../input-error.js';
import { openJsonl } from './jsonl-read.js';
import { jsonlLine } from './jsonl-write.js';
import type { InputRecord, RecordSource } from './records.js';

export type TableFormat = 'csv' | 'jsonl';

/** A file's format comes from its extension; `-` (stdin/stdout) takes `given`, CSV by default. */
export function formatOf(file: string, given: TableFormat | undefined): TableFormat {
  if (file === '-') return given ?? 'csv';
  return /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
}

export async function openTable(file: string, stdin: Readable, format: TableFormat): Promise<RecordSource> {
  if (file !== '-') return format === 'jsonl' ? openJsonl(file) : openCsv(file);
  return format === 'jsonl' ? stdinJsonl(stdin) : stdinCsv(stdin);
}

async function stdinCsv(stdin: Readable): Promise<RecordSource> {
  const parser = stdin.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() }));
  const it = (parser as AsyncIterable<Record<string, unknown>>)[Symbol.asyncIterator]();
  const first = await it.next();
  const columns = first.done === true ? [] : Object.keys(first.value);
  return {
    columns: () => columns,
    async *records(): AsyncIterable<InputRecord> {
      let row = 0;
      for (let r = first; r.done !== true; r = await it.next()) yield { row: ++row, fields: r.value };
    },
  };
}

async function stdinJsonl(stdin: Readable): Promise<RecordSource> {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const seen = new Set<string>();
  let line = 0;
  const next = async (): Promise<InputRecord | undefined> => {
    for (;;) {
      const r = await lines.next();
      if (r.done === true) return undefined;
      line++;
      if (r.value.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(r.value);
      } catch (e) {
        throw new InputError('-', `not valid JSON (${(e as Error).message})`, { line });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError('-', 'each line must be a JSON object', { line });
      for (const k of Object.keys(value)) seen.add(k);
      return { row: line, fields: value as Record<string, unknown> };
    }
  };
  const first = await next();
  return {
    columns: () => [...seen],
    async *records() {
      for (let r = first; r !== undefined; r = await next()) yield r;
    },
  };
}

/** Fails with the file, the column and the columns there are, when a named column is absent. */
export function requireColumn(file: string, columns: readonly string[], flag: string, name: string): void {
  if (!columns.includes(name)) {
    throw new InputError(file, `has no column "${name}" (${flag}); its columns are: ${columns.join(', ') || '(none)'}`, { field: name });
  }
}

export function cellString(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export interface TableWriter {
  write(row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** A CSV (fixed `columns`) or JSONL writer to a file or, for `-`, to `stdout` (left open). */
export function openWriter(file: string, stdout: Writable, format: TableFormat, columns: readonly string[]): TableWriter {
  const toStdout = file === '-';
  const out: Writable = toStdout ? stdout : createWriteStream(file);
  const finish = async () => {
    if (toStdout) return;
    out.end();
    await once(out, 'finish');
  };
  if (format === 'jsonl') {
    let pending = '';
    return {
      async write(row) {
        pending += jsonlLine(row);
        if (pending.length >= 1 << 16) {
          const chunk = pending;
          pending = '';
          await writeChunk(out, chunk);
        }
      },
      async close() {
        if (pending !== '') await writeChunk(out, pending);
        await finish();
      },
    };
  }
  const csv = new CsvWriter(out);
  let header = false;
  return {
    async write(row) {
      if (!header) {
        header = true;
        await csv.writeHeader(columns);
      }
      await csv.writeRow(columns.map((c) => toCell(row[c])));
    },
    async close() {
      if (!header) await csv.writeHeader(columns);
      await csv.flush();
      await finish();
    },
  };
}

function toCell(v: unknown): CsvCell {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}
