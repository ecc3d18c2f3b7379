// An SQLite file as a copy's source or target, through better-sqlite3 directly: prepared
// statements on one connection, values mapped as Prisma's adapter maps them (values.ts).
import Sqlite from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS } from '../adapter.js';
import { quote } from './connection.js';
import type { CopyConnection } from './connection.js';
import { readCatalog } from './tables.js';
import type { Catalog, CopyTable } from './tables.js';
import { fromSqlite, toSqlite } from './values.js';
import type { CopyValue } from './values.js';

/** SQLite's default limit on bound parameters is 32,766; rows per INSERT stay under it. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_STATEMENT = 64;

export class SqliteCopyConnection implements CopyConnection {
  readonly provider = 'sqlite' as const;
  private readonly db: BetterSqlite3.Database;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(file: string, mode: 'read' | 'write') {
    this.db = new Sqlite(file, { fileMustExist: true, readonly: mode === 'read', timeout: SQLITE_BUSY_TIMEOUT_MS });
    if (mode === 'write') this.db.pragma('foreign_keys = ON');
  }

  catalog(): Promise<Catalog> {
    return readCatalog('sqlite', async (sql) => this.db.prepare(sql).all() as Record<string, unknown>[]);
  }

  async begin(mode: 'read' | 'write'): Promise<void> {
    // A read transaction holds one WAL snapshot from its first read to the end: every table is read
    // as it was at one moment, while the labeling screen or an import goes on writing.
    this.db.exec(mode === 'read' ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
    if (mode === 'read') this.db.prepare('SELECT count(*) FROM sqlite_master').get();
  }

  async count(table: CopyTable): Promise<number> {
    return Number((this.db.prepare(`SELECT count(*) AS n FROM ${quote(table.table)}`).get() as { n: number }).n);
  }

  async *batches(table: CopyTable, size: number): AsyncIterable<CopyValue[][]> {
    const kinds = table.columns.map((c) => c.kind);
    // A BigInt column's values past 2^53 survive only as BigInt (the default Number would round them).
    const stmt = this.db
      .prepare(`SELECT ${table.columns.map((c) => quote(c.name)).join(',')} FROM ${quote(table.table)}`)
      .raw(true)
      .safeIntegers(kinds.includes('bigint'));
    let batch: CopyValue[][] = [];
    for (const raw of stmt.iterate() as Iterable<unknown[]>) {
      batch.push(raw.map((v, i) => fromSqlite(kinds[i]!, v)));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  async insert(table: CopyTable, rows: CopyValue[][], skipExisting: boolean): Promise<number> {
    const width = table.columns.length;
    const per = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / width)));
    let written = 0;
    let i = 0;
    for (; i + per <= rows.length; i += per)
      written += this.statement(table, per, skipExisting).run(
        rows
          .slice(i, i + per)
          .flat()
          .map(toSqlite),
      ).changes;
    for (; i < rows.length; i++) written += this.statement(table, 1, skipExisting).run(rows[i]!.map(toSqlite)).changes;
    return written;
  }

  private statement(table: CopyTable, rows: number, skipExisting: boolean): BetterSqlite3.Statement {
    const key = `${table.table}\u0000${rows}\u0000${skipExisting}`;
    let stmt = this.statements.get(key);
    if (stmt === undefined) {
      const tuple = `(${table.columns.map(() => '?').join(',')})`;
      const sql = `INSERT INTO ${quote(table.table)} (${table.columns.map((c) => quote(c.name)).join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}${skipExisting ? ' ON CONFLICT DO NOTHING' : ''}`;
      this.statements.set(key, (stmt = this.db.prepare(sql)));
    }
    return stmt;
  }

  // AUTOINCREMENT's counter (sqlite_sequence) follows the largest id inserted by itself.
  async advanceSequences(): Promise<void> {}

  async commit(): Promise<void> {
    this.db.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async close(): Promise<void> {
    if (this.db.open) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.db.close();
    }
  }
}
