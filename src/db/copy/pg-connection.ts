// A PostgreSQL database as a copy's source or target, through one pg client. The source reads in
// a REPEATABLE READ transaction (one snapshot) with a cursor per table, so memory stays flat; the
// target inserts a batch per statement as typed arrays (INSERT ... SELECT FROM unnest($1::text[],
// ...)): one round trip and a handful of parameters per few thousand rows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { parseIntoClientConfig } from 'pg-connection-string';
import { quote } from './connection.js';
import type { CopyConnection } from './connection.js';
import { readCatalog } from './tables.js';
import type { Catalog, CopyTable } from './tables.js';
import { fromPg, toPg } from './values.js';
import type { CopyValue } from './values.js';

const OID = { timestamp: 1114, json: 114, jsonb: 3802, date: 1082 } as const;

/** Prisma stores DateTime as `timestamp(3)` in UTC; pg would read it as local time. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === OID.timestamp) return (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
    if (oid === OID.json || oid === OID.jsonb || oid === OID.date) return (s: string) => s;
    return pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (s: string) => unknown;
  },
};

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null; backslash, tab, newline and CR escaped. */
function copyText(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (typeof v === 'string') return v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!);
  return String(v);
}

export class PgCopyConnection implements CopyConnection {
  readonly provider = 'postgresql' as const;
  private readonly client: pg.Client;
  private connected = false;
  private cursors = 0;

  constructor(url: string) {
    this.client = new pg.Client({ ...parseIntoClientConfig(url), types });
    // An error on an idle connection (the server went away) is reported by the next query.
    this.client.on('error', () => {});
  }

  /** Raw SQL on this connection (connecting on first use). */
  async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    if (!this.connected) {
      await this.client.connect();
      this.connected = true;
    }
    return this.client.query<R>(sql, values);
  }

  catalog(): Promise<Catalog> {
    return readCatalog('postgresql', async (sql) => (await this.query(sql)).rows);
  }

  async begin(mode: 'read' | 'write'): Promise<void> {
    await this.query(mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
  }

  async count(table: CopyTable): Promise<number> {
    return Number((await this.query<{ n: string }>(`SELECT count(*)::int8 AS n FROM ${quote(table.table)}`)).rows[0]!.n);
  }

  async *batches(table: CopyTable, size: number): AsyncIterable<CopyValue[][]> {
    const cursor = `mizan_copy_${++this.cursors}`;
    await this.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${table.columns.map((c) => quote(c.name)).join(',')} FROM ${quote(table.table)}`);
    const kinds = table.columns.map((c) => c.kind);
    try {
      for (;;) {
        const result = await this.client.query({ text: `FETCH FORWARD ${size} FROM ${cursor}`, rowMode: 'array' });
        if (result.rows.length === 0) return;
        yield (result.rows as unknown[][]).map((row) => row.map((v, i) => fromPg(kinds[i]!, v)));
      }
    } finally {
      await this.client.query(`CLOSE ${cursor}`).catch(() => undefined);
    }
  }

  async insert(table: CopyTable, rows: CopyValue[][], skipExisting: boolean): Promise<number> {
    if (rows.length === 0) return 0;
    if (!skipExisting) return this.copyIn(table, rows);
    const columns = table.columns;
    const arrays = columns.map((_, c) => rows.map((row) => toPg(row[c]!)));
    const casts = columns.map((col, i) => `$${i + 1}::${quote(col.pgType ?? 'text')}[]`);
    const sql = `INSERT INTO ${quote(table.table)} (${columns.map((c) => quote(c.name)).join(',')}) SELECT * FROM unnest(${casts.join(',')})${skipExisting ? ' ON CONFLICT DO NOTHING' : ''}`;
    return (await this.query(sql, arrays)).rowCount ?? 0;
  }

  /** COPY FROM STDIN in text format: PostgreSQL's fastest way in (no per-row statement, no parameters). */
  private async copyIn(table: CopyTable, rows: CopyValue[][]): Promise<number> {
    if (!this.connected) await this.query('SELECT 1');
    const lines: string[] = [];
    for (const row of rows) lines.push(row.map(copyText).join('\t'));
    const stream = this.client.query(copyFrom(`COPY ${quote(table.table)} (${table.columns.map((c) => quote(c.name)).join(',')}) FROM STDIN`));
    await pipeline(Readable.from([`${lines.join('\n')}\n`]), stream);
    return stream.rowCount;
  }

  async advanceSequences(tables: readonly CopyTable[]): Promise<void> {
    for (const t of tables) {
      if (t.serial === undefined) continue;
      const seq = (await this.query<{ seq: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS seq', [quote(t.table), t.serial])).rows[0]?.seq ?? null;
      if (seq === null || seq === undefined) continue;
      await this.query(
        `SELECT setval($1::regclass, GREATEST(x.m, s.last_value)) FROM (SELECT MAX(${quote(t.serial)}) AS m FROM ${quote(t.table)}) x, ${seq} s WHERE x.m IS NOT NULL`,
        [seq],
      );
    }
  }

  async commit(): Promise<void> {
    await this.query('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.connected) await this.client.query('ROLLBACK').catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.connected) {
      this.connected = false;
      await this.client.end().catch(() => undefined);
    }
  }
}
