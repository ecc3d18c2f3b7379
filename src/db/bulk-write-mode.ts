// SQLite connection settings for the length of one large write (an import), restored afterwards.
// Each is skipped when it cannot be set (e.g. another process has the file open), and the write
// then runs with the usual settings: slower, never less safe.
import type { Database } from './open.js';

/**
 * - journal_mode = DELETE (from WAL): WAL writes every new page twice, into the log and then, at
 *   the commit's checkpoint, into the file (100,000 articles: 2.5 s of a 12 s import). A rollback
 *   journal only saves the pages the transaction overwrites, which for an import that appends is a
 *   few hundred KB, and is just as atomic and durable. Leaving WAL needs the file to itself, so this
 *   applies only when no other connection has it open; while it lasts, other processes wait (they
 *   could not write during the import in WAL mode either). `openDatabase` sets WAL again on every
 *   open, so a crash in between leaves nothing to repair.
 * - temp_store = MEMORY: SQLite keeps a statement journal for each insert inside the transaction (a
 *   statement that fails a foreign key must undo itself alone); in a temp file, that was two thirds
 *   of an import's disk writes. In memory it is a few hundred KB.
 * - cache_size = 128 MiB (default 2 MiB): the random-keyed indexes (id, contentHash) outgrow the
 *   default cache after a few tens of thousands of articles, and every insert then re-reads and
 *   re-writes index pages (100,000 rows: 4.4 s of system time, 2.2 s with this).
 */
const SETTINGS = [
  { name: 'journal_mode', from: 'wal', to: 'delete' },
  { name: 'temp_store', to: 'MEMORY' },
  { name: 'cache_size', to: String(-128 * 1024) },
] as const;

type Row = Record<string, unknown>;

export async function withBulkWriteMode<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (db.target.provider !== 'sqlite') return fn();
  const { prisma } = db;
  const read = async (name: string) => {
    const rows = await prisma.$queryRawUnsafe<Row[]>(`PRAGMA ${name}`).catch(() => []);
    const value = rows[0]?.[name];
    return value === undefined ? undefined : String(value).toLowerCase();
  };
  const restore: string[] = [];
  for (const setting of SETTINGS) {
    const before = await read(setting.name);
    if (before === undefined || ('from' in setting && before !== setting.from)) continue;
    // PRAGMA journal_mode answers with the mode it is in after the statement: unchanged when busy.
    const set = await prisma.$queryRawUnsafe(`PRAGMA ${setting.name} = ${setting.to}`).then(() => true, () => false);
    if (set && (await read(setting.name)) !== before) restore.push(`PRAGMA ${setting.name} = ${before}`);
  }
  try {
    return await fn();
  } finally {
    for (const sql of restore.reverse()) await prisma.$queryRawUnsafe(sql).catch(() => undefined);
  }
}
