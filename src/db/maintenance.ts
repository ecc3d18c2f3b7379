// `mizan db backup` and `mizan db check`.
import { existsSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import Sqlite from 'better-sqlite3';
import { MizanError } from '../errors.js';
import { describeDatabaseError, databaseName } from './access-errors.js';
import { SQLITE_BUSY_TIMEOUT_MS } from './adapter.js';
import { quote } from './copy/connection.js';
import { PgCopyConnection } from './copy/pg-connection.js';
import type { DatabaseTarget } from './url.js';

export class MaintenanceError extends MizanError {
  override readonly name = 'MaintenanceError' as const;
  readonly code = 'db_maintenance';
}

export interface BackupSummary {
  file: string;
  bytes: number;
  integrity: string;
}

/**
 * A consistent copy of an SQLite database while others write it: VACUUM INTO reads the database in
 * one read transaction (one WAL snapshot: whatever commits meanwhile is simply not in the copy) and
 * writes a compact file. Written beside the destination and renamed, then checked.
 */
export async function backupSqlite(source: string, dest: string): Promise<BackupSummary> {
  if (!existsSync(source)) throw new MaintenanceError(`no database at ${source} (mizan import creates one)`);
  if (existsSync(dest)) throw new MaintenanceError(`${dest} already exists: name a new file (a backup never overwrites one)`);
  const partial = `${dest}.partial`;
  await rm(partial, { force: true });
  const target: DatabaseTarget = { provider: 'sqlite', url: `file:${source}`, file: source };
  try {
    const db = new Sqlite(source, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
    try {
      db.prepare('VACUUM INTO ?').run(partial);
    } finally {
      db.close();
    }
  } catch (e) {
    await rm(partial, { force: true });
    const problem = describeDatabaseError(e, target);
    if (problem !== null) throw problem;
    throw new MaintenanceError(`backup of ${source} to ${dest} failed: ${(e as Error).message}`);
  }
  const integrity = sqliteIntegrity(partial);
  if (integrity !== 'ok') {
    await rm(partial, { force: true });
    throw new MaintenanceError(`the backup of ${source} did not pass the integrity check (${integrity}); nothing was written`);
  }
  await rename(partial, dest);
  return { file: dest, bytes: statSync(dest).size, integrity };
}

function sqliteIntegrity(file: string): string {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    return rows.join('; ');
  } finally {
    db.close();
  }
}

export interface CheckSummary {
  ok: boolean;
  /** One line for the terminal. */
  line: string;
}

/** SQLite: integrity_check and foreign_key_check. PostgreSQL: every foreign key resolves. Both: rows per table. */
export async function checkDatabase(target: DatabaseTarget): Promise<CheckSummary> {
  try {
    return target.provider === 'sqlite' ? checkSqlite(target.file) : await checkPg(target.url);
  } catch (e) {
    if (e instanceof MizanError) throw e;
    throw describeDatabaseError(e, target) ?? new MaintenanceError(`${databaseName(target)}: check failed: ${(e as Error).message}`);
  }
}

function checkSqlite(file: string): CheckSummary {
  if (!existsSync(file)) throw new MaintenanceError(`no database at ${file} (mizan import creates one)`);
  const db = new Sqlite(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
    const orphans = db.prepare('PRAGMA foreign_key_check').all().length;
    const counts = tableCounts(
      (sql) => db.prepare(sql).all() as Record<string, unknown>[],
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
    );
    const ok = integrity === 'ok' && orphans === 0;
    return {
      ok,
      line: `${ok ? 'ok' : 'FAILED'}: ${file}: integrity ${integrity}, ${orphans === 0 ? 'every reference resolves' : `${orphans} rows reference missing rows`}; ${counts}`,
    };
  } finally {
    db.close();
  }
}

function tableCounts(all: (sql: string) => Record<string, unknown>[], tablesSql: string): string {
  const names = all(tablesSql).map((r) => String(r['name']));
  return names.map((n) => `${n} ${Number(all(`SELECT count(*) AS n FROM ${quote(n)}`)[0]!['n'])}`).join(', ');
}

async function checkPg(url: string): Promise<CheckSummary> {
  const conn = new PgCopyConnection(url);
  try {
    const q = async (sql: string) => (await conn.query(sql)).rows;
    const fks = await q(`SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
        ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
        ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refs
      FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname = current_schema() AND c.contype = 'f'`);
    let orphans = 0;
    for (const fk of fks) {
      const cols = fk['cols'] as string[];
      const refs = fk['refs'] as string[];
      const match = cols.map((c, i) => `p.${quote(refs[i]!)} = c.${quote(c)}`).join(' AND ');
      const notNull = cols.map((c) => `c.${quote(c)} IS NOT NULL`).join(' AND ');
      const rows = await q(
        `SELECT count(*)::int AS n FROM ${String(fk['child'])} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${String(fk['parent'])} p WHERE ${match})`,
      );
      orphans += Number(rows[0]!['n']);
    }
    const names = (
      await q(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`,
      )
    ).map((r) => String(r['name']));
    const counts: string[] = [];
    for (const n of names) counts.push(`${n} ${Number((await q(`SELECT count(*)::int AS n FROM ${quote(n)}`))[0]!['n'])}`);
    const ok = orphans === 0;
    return {
      ok,
      line: `${ok ? 'ok' : 'FAILED'}: ${databaseName({ provider: 'postgresql', url })}: ${fks.length} foreign keys, ${ok ? 'every reference resolves' : `${orphans} rows reference missing rows`}; ${counts.join(', ')}`,
    };
  } finally {
    await conn.close();
  }
}
