// SQLite connection settings for the length of one large write (an import), restored afterwards.
// Each is skipped when it cannot be set (e.g. another process has the file open), and the write
// then runs with the usual settings: slower, never less safe.
import type { Database } from './open.js';

/**
 * - journal_mode = DELETE (from WAL), for a large write (`exclusive`): WAL writes every new page
 *   twice, into the log and then, at the commit's checkpoint, into the file (100,000 articles: 2.5 s
 *   of a 12 s import). A rollback journal only saves the pages the transaction overwrites, which for
 *   an import that appends is a few hundred KB, and is just as atomic and durable. Leaving WAL needs
 *   the file to itself, so it happens only when no other connection has it open (asked without
 *   waiting); while the write lasts, other processes wait for it, as writers did in WAL mode, and
 *   readers too. `openDatabase` sets WAL on every open, so a crash in between leaves nothing to do.
 * - temp_store = MEMORY: SQLite keeps a statement journal for each insert inside the transaction (a
 *   statement that fails a foreign key must undo itself alone); in a temp file, that was two thirds
 *   of an import's disk writes. In memory it is a few hundred KB.
 * - cache_size = 128 MiB (default 2 MiB): the random-keyed indexes (id, contentHash) outgrow the
 *   default cache after a few tens of thousands of articles, and every insert then re-reads and
 *   re-writes index pages (100,000 rows: 4.4 s of system time, 2.2 s with this).
 */
const JOURNAL = { name: 'journal_mode', from: 'wal', to: 'delete' } as const;
const SETTINGS = [
  { name: 'temp_store', to: 'MEMORY' },
  { name: 'cache_size', to: String(-128 * 1024) },
] as const;

type Row = Record<string, unknown>;

export async function withBulkWriteMode<T>(db: Database, options: { exclusive: boolean }, fn: () => Promise<T>): Promise<T> {
  if (db.target.provider !== 'sqlite') return fn();
  const { prisma } = db;
  const read = async (name: string) => {
    const rows = await prisma.$queryRawUnsafe<Row[]>(`PRAGMA ${name}`).catch(() => []);
    // One row, one column (named after the pragma, except busy_timeout's "timeout").
    const value = Object.values(rows[0] ?? {})[0];
    return value === undefined ? undefined : String(value).toLowerCase();
  };
  /** Sets a pragma; the statement that restores it, or undefined when it did not change. */
  const set = async (name: string, to: string): Promise<string | undefined> => {
    const before = await read(name);
    if (before === undefined) return undefined;
    // PRAGMA journal_mode answers with the mode it is in after the statement: unchanged when busy.
    const done = await prisma.$queryRawUnsafe(`PRAGMA ${name} = ${to}`).then(
      () => true,
      () => false,
    );
    return done && (await read(name)) !== before ? `PRAGMA ${name} = ${before}` : undefined;
  };
  /** Runs `fn` with a short busy timeout: a lock held elsewhere answers soon instead of after 10 s. */
  const waiting = async <R>(ms: number, fn2: () => Promise<R>): Promise<R> => {
    const restore = await set('busy_timeout', String(ms));
    try {
      return await fn2();
    } finally {
      if (restore !== undefined) await prisma.$queryRawUnsafe(restore).catch(() => undefined);
    }
  };
  const restore: string[] = [];
  let journal: string | undefined;
  if (options.exclusive && (await read(JOURNAL.name)) === JOURNAL.from) journal = await waiting(0, () => set(JOURNAL.name, JOURNAL.to));
  for (const { name, to } of SETTINGS) {
    const sql = await set(name, to);
    if (sql !== undefined) restore.push(sql);
  }
  try {
    return await fn();
  } finally {
    for (const sql of restore) await prisma.$queryRawUnsafe(sql).catch(() => undefined);
    // A reader that came meanwhile may still hold the file for a moment; failing that, the next open sets WAL.
    if (journal !== undefined) await waiting(2_000, () => prisma.$queryRawUnsafe(journal)).catch(() => undefined);
  }
}
