import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { parseIntoClientConfig } from 'pg-connection-string';
import { registerSqliteConnection } from './direct-sqlite.js';
import type { DatabaseTarget } from './url.js';

/** How long a writer waits for another process's lock before SQLite reports "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function adapterFactoryFor(target: DatabaseTarget): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    return immediateTransactions(new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS }));
  }
  return postgresFactory(target.url);
}

/**
 * Prisma's SQLite adapter opens transactions with a deferred BEGIN. With several processes writing
 * (team mode), a transaction that reads before it writes then fails at once with "database is
 * locked" if another process committed in between (WAL cannot upgrade a stale snapshot, and the
 * busy timeout does not apply). BEGIN IMMEDIATE takes the write lock up front, waiting on the timeout.
 */
function immediateTransactions(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);
    // Known to src/db/direct-sqlite.ts, so the import's bulk writes can use it directly.
    registerSqliteConnection(factory, client as Parameters<typeof registerSqliteConnection>[1]);
    return adapter;
  };
  return factory;
}

/**
 * PrismaPg, with a shadow database (for `db diff`) that it can actually drop: the stock one drops
 * the database while its own pool is still connected to it, and builds the shadow pool from a
 * connection string that overrides the shadow database's name.
 */
function postgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = parseIntoClientConfig(url);
  const main = new PrismaPg({ ...config, max: 8 });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const admin = await main.connect();
      const name = `mizan_shadow_${randomUUID().replaceAll('-', '')}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...config, database: name, max: 2 }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
