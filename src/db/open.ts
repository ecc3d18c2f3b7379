import { existsSync } from 'node:fs';
import { NoDatabaseError } from './access-errors.js';
import { PrismaClient } from './generated/client.js';
import { adapterFactoryFor } from './adapter.js';
import { applyMigrations } from './migrate.js';
import { isTransientConflict } from './write-transaction.js';
import { LAYOUTS } from './paths.js';
import { parseDatabaseUrl } from './url.js';
import type { DatabaseTarget } from './url.js';

export type Prisma = PrismaClient;

export interface Database {
  /**
   * The same models on either provider. The PostgreSQL client is generated from the same schema,
   * so its API is the SQLite client's; code stays provider-neutral.
   */
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Migrations applied when this handle was opened (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Resolves a relative file: URL. */
  cwd?: string;
  /** false: skip migrations, for a process whose parent has just migrated (`serve --workers`). */
  migrate?: boolean;
  /** SQLite: fail with NoDatabaseError instead of creating a missing file (commands that only read). */
  mustExist?: boolean;
  /** SQLite: how long to wait for another process's lock (default SQLITE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

/** Opens the database, applying pending migrations first (every command that touches it does). */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url, options.cwd);
  // A command that only reads must not leave an empty database (and its directory) behind a typo.
  if (options.mustExist === true && target.provider === 'sqlite' && !existsSync(target.file)) throw new NoDatabaseError(target.file);
  const factory = adapterFactoryFor(target, options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs });
  const applied = options.migrate === false ? [] : await applyMigrations(factory, LAYOUTS[target.provider]);
  let prisma: PrismaClient;
  if (target.provider === 'sqlite') {
    prisma = new PrismaClient({ adapter: factory });
    // WAL lets the TUI, the server and imports read while one of them writes; it persists in the file.
    // A large import that has the file to itself runs it with a rollback journal and sets WAL again
    // when it ends (src/db/bulk-write-mode.ts): meanwhile the switch is refused, and this waits as a
    // reader (the busy timeout) rather than fail here.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL').catch((e: unknown) => {
      if (!isTransientConflict(e)) throw e;
    });
    await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  } else {
    const { PrismaClient: PgClient } = await import('./generated-pg/client.js');
    prisma = new PgClient({ adapter: factory }) as unknown as PrismaClient;
  }
  return { prisma, target, applied, close: () => prisma.$disconnect() };
}
