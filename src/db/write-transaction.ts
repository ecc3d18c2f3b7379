// Transactions that write while other processes write too (team mode: several annotators on one
// database). Prisma's SQLite adapter opens a *deferred* transaction, so one that reads before it
// writes takes the write lock late; in WAL mode, if another process committed in between, SQLite
// answers SQLITE_BUSY at once ("database is locked") without waiting for the busy timeout. Writing
// first makes SQLite take the write lock up front, where the busy timeout does apply.
import type { Prisma, PrismaClient } from './generated/client.js';
import { providerOf } from './provider.js';

type Tx = Prisma.TransactionClient;

export interface WriteTransactionOptions {
  /**
   * PostgreSQL only: serialize every transaction using the same key (a transaction-scoped
   * advisory lock), for read-then-write decisions that row locks cannot cover, such as
   * "fewer than K annotators hold this article". SQLite's write lock already serializes writers.
   */
  lockKey?: number;
  /** Attempts on a transient conflict (busy database, serialization failure, deadlock). */
  attempts?: number;
}

/** Runs `fn` in a transaction that holds the write lock from its first statement, retrying conflicts. */
export async function writeTransaction<T>(prisma: PrismaClient, fn: (tx: Tx) => Promise<T>, opts: WriteTransactionOptions = {}): Promise<T> {
  const provider = providerOf(prisma);
  const attempts = opts.attempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          // A write that changes nothing still takes SQLite's write lock (waiting up to the busy timeout).
          if (provider === 'sqlite') await tx.$executeRawUnsafe('DELETE FROM "Claim" WHERE 0');
          else if (opts.lockKey !== undefined) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${Math.trunc(opts.lockKey)})`);
          return fn(tx);
        },
        // Waiting for another process's lock counts against these, so they are generous.
        { maxWait: 30_000, timeout: 60_000 },
      );
    } catch (e) {
      if (attempt >= attempts || !isTransientConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** Busy SQLite file, PostgreSQL serialization failure or deadlock: safe to run the transaction again. */
export function isTransientConflict(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  // Prisma wraps the driver's error: the SQLite/PostgreSQL code is in meta.driverAdapterError.cause.
  const { code, meta } = e as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } };
  const cause = meta?.driverAdapterError?.cause;
  const text = [e.message, code, cause?.originalCode, cause?.originalMessage].map((x) => String(x ?? '')).join(' ');
  return /SQLITE_BUSY|database is locked|40001|40P01|P2034|could not serialize|deadlock detected/i.test(text);
}
