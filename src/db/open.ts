import { PrismaClient } from './generated/client.js';
import { adapterFactoryFor } from './adapter.js';
import { applyMigrations } from './migrate.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.js';
import { parseDatabaseUrl } from './url.js';
import type { DatabaseTarget } from './url.js';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Migrations applied when this handle was opened (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

/** Opens the database, applying pending migrations first (every command that touches it does). */
export async function openDatabase(url: string, options: { cwd?: string } = {}): Promise<Database> {
  const target = parseDatabaseUrl(url, options.cwd);
  const factory = adapterFactoryFor(target);
  const applied = await applyMigrations(factory, { schemaPath: SCHEMA_PATH, migrationsDir: MIGRATIONS_DIR });
  const prisma = new PrismaClient({ adapter: factory });
  if (target.provider === 'sqlite') {
    // WAL lets the TUI, the server and imports read while one of them writes; it persists in the file.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  }
  return { prisma, target, applied, close: () => prisma.$disconnect() };
}
