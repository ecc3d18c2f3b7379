// One value, as it travels between the providers. Readers turn what their driver returns into a
// canonical JS value per column kind (Date for DateTime, boolean for Boolean, string for Json and
// Decimal, Buffer for Bytes); writers turn that into what their database stores exactly as
// Prisma's own adapters do, so a copied row reads back through Prisma as the original did.
import { createHash } from 'node:crypto';
import type { ColumnKind } from './tables.js';

export type CopyValue = string | number | bigint | boolean | Date | Buffer | null;

/** better-sqlite3 value → canonical. */
export function fromSqlite(kind: ColumnKind, v: unknown): CopyValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'boolean':
      return v === 1 || v === 1n || v === true || v === '1' || v === 'true';
    case 'datetime':
      return sqliteDate(v);
    case 'bigint':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'int':
    case 'float':
      return typeof v === 'bigint' ? Number(v) : (v as number);
    case 'bytes':
      return Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

/** The adapter stores DateTime as ISO 8601 text; older rows or other tools may use epoch ms or SQL's "YYYY-MM-DD HH:MM:SS". */
function sqliteDate(v: unknown): Date {
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const s = String(v);
  const sql = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s) ? `${s.replace(' ', 'T')}Z` : s;
  const d = new Date(sql);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: "${s}"`);
  return d;
}

/** canonical → what @prisma/adapter-better-sqlite3 binds. */
export function toSqlite(v: CopyValue): string | number | bigint | Buffer | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  return v;
}

/** pg value → canonical (the reader's type parsers return timestamps as Date in UTC, int8 and numeric as text). */
export function fromPg(kind: ColumnKind, v: unknown): CopyValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bigint':
      return BigInt(v as string);
    case 'json':
      return typeof v === 'string' ? v : JSON.stringify(v);
    case 'decimal':
      return String(v);
    default:
      return v as CopyValue;
  }
}

/** canonical → an element of the typed array the PostgreSQL writer binds (text form where pg needs it). */
export function toPg(v: CopyValue): string | number | boolean | Buffer | null {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** A row in one canonical text, the same whichever database it was read from. */
function canonical(row: readonly CopyValue[]): string {
  return JSON.stringify(
    row.map((v) => (v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? `\\x${v.toString('hex')}` : typeof v === 'bigint' ? v.toString() : v)),
  );
}

const MASK = (1n << 64n) - 1n;

/**
 * An order-independent checksum of a table: the sum (mod 2^64) of a hash per row. The two
 * providers return rows in different orders (text collations differ), so order must not count.
 */
export class TableChecksum {
  private sum = 0n;
  rows = 0;
  add(row: readonly CopyValue[]): void {
    this.sum = (this.sum + createHash('sha1').update(canonical(row)).digest().readBigUInt64BE(0)) & MASK;
    this.rows++;
  }
  get value(): string {
    return this.sum.toString(16).padStart(16, '0');
  }
}
