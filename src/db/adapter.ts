import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseTarget } from './url.js';
import { DatabaseUrlError } from './errors.js';

/** How long a writer waits for another process's lock before SQLite reports "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function adapterFactoryFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    return new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  }
  throw new DatabaseUrlError(target.url, 'PostgreSQL support is not built yet (team mode)');
}
