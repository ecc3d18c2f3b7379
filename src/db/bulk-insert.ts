// Multi-row INSERTs as raw SQL inside the caller's transaction, for the import's hot path: Prisma's
// createMany interprets and serializes every field of every row, which made it the largest cost of
// importing a 100,000-row CSV. Values go through the same driver adapter as Prisma's own writes, so
// Dates, booleans and strings are stored exactly as `tx.model.createMany` would store them; callers
// must set the columns Prisma fills in client-side (`@default(now())`, `@updatedAt`) themselves.
// On SQLite they skip Prisma altogether: prepared statements on the driver's own connection, inside
// the same transaction (src/db/direct-sqlite.ts), with the same value mapping.
import { directSqlite } from './direct-sqlite.js';
import type { Prisma } from './generated/client.js';
import { providerOf } from './provider.js';
import type { ProviderName } from './provider.js';

type Tx = Prisma.TransactionClient;
/** Uint8Array: UTF-8 text (from the import's parsing thread), stored as text. */
export type SqlValue = string | number | boolean | Date | Uint8Array | null;

const utf8 = new TextDecoder();
/** The Prisma path takes text as strings. */
const forPrisma = (v: SqlValue) => (v instanceof Uint8Array ? utf8.decode(v) : v);

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535; stay well under both. The
// row cap keeps a statement of long texts to a few megabytes.
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;

const quote = (name: string) => `"${name}"`;

function placeholders(provider: ProviderName, rows: number, columns: number): string {
  const tuples: string[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) cells.push(provider === 'sqlite' ? '?' : `$${++n}`);
    tuples.push(`(${cells.join(',')})`);
  }
  return tuples.join(',');
}

function batches<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Inserts `rows` (values in `columns` order) into `table`; returns the number of rows written.
 * `skipConflicts`: a row that would break a unique constraint is left out (ON CONFLICT DO NOTHING,
 * the same on both providers) instead of failing the statement.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: readonly SqlValue[][], skipConflicts = false): Promise<number> {
  const direct = directSqlite(tx);
  if (direct !== undefined) return direct.insertRows(table, columns, rows, skipConflicts);
  const provider = providerOf(tx);
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES `;
  const tail = skipConflicts ? ' ON CONFLICT DO NOTHING' : '';
  let written = 0;
  for (const batch of batches(rows, columns.length)) {
    written += await tx.$executeRawUnsafe(head + placeholders(provider, batch.length, columns.length) + tail, ...batch.flat().map(forPrisma));
  }
  return written;
}

/** As insertRows, returning `returning` columns of the inserted rows (in no guaranteed order). */
export async function insertRowsReturning<R>(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  returning: readonly string[],
): Promise<R[]> {
  const direct = directSqlite(tx);
  if (direct !== undefined) return direct.insertRowsReturning<R>(table, columns, rows, returning);
  const provider = providerOf(tx);
  const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(',')}) VALUES `;
  const tail = ` RETURNING ${returning.map(quote).join(',')}`;
  const out: R[] = [];
  for (const batch of batches(rows, columns.length)) {
    out.push(...(await tx.$queryRawUnsafe<R[]>(head + placeholders(provider, batch.length, columns.length) + tail, ...batch.flat().map(forPrisma))));
  }
  return out;
}

/** Rows of `table` whose `column` is one of `values`, with the `select` columns. */
export async function selectWhereIn<R>(tx: Tx, table: string, select: readonly string[], column: string, values: readonly SqlValue[]): Promise<R[]> {
  const direct = directSqlite(tx);
  if (direct !== undefined) return direct.selectWhereIn<R>(table, select, column, values);
  const provider = providerOf(tx);
  const out: R[] = [];
  for (const batch of batches(values, 1)) {
    const list = provider === 'sqlite' ? batch.map(() => '?').join(',') : batch.map((_, i) => `$${i + 1}`).join(',');
    const sql = `SELECT ${select.map(quote).join(',')} FROM ${quote(table)} WHERE ${quote(column)} IN (${list})`;
    out.push(...(await tx.$queryRawUnsafe<R[]>(sql, ...batch.map(forPrisma))));
  }
  return out;
}
