import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { parseIntoClientConfig } from 'pg-connection-string';
import { registerSqliteConnection } from './direct-sqlite.js';
import type { DatabaseTarget } from './url.js';

/**
 * How long a writer waits for another process's lock before SQLite reports "database is locked",
 * unless the caller says otherwise (the CLI reads MIZAN_BUSY_TIMEOUT_MS).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function adapterFactoryFor(target: DatabaseTarget, options: { busyTimeoutMs?: number } = {}): SqlMigrationAwareDriverAdapterFactory {
  if (target.provider === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    return immediateTransactions(new PrismaBetterSqlite3({ url: target.file, timeout: options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS }));
  }
  return postgresFactory(target.url);
}

/**
 * Prisma's SQLite adapter opens transactions with a deferred BEGIN. With several processes writing
 * (team mode), a transaction that reads before it writes then fails at once with "database is
 * locked" if another process committed in between (WAL cannot upgrade a stale snapshot, and the
 * busy timeout does not apply). BEGIN IMMEDIATE takes the write lock up front, waiting on the timeout.
 *
 * And the adapter's startTransaction takes its private mutex before BEGIN and never gives it back
 * when BEGIN fails (another process held the file past the busy timeout, e.g. a large import):
 * every later transaction on the connection then waits forever, and a labeling screen could never
 * save again. So the transaction begins here first, under a lock of our own that a failure releases;
 * the adapter's own BEGIN, which follows at once, is then a no-op.
 */
function immediateTransactions(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    const prepare = client.prepare.bind(client);
    let begun = false;
    client.prepare = ((sql: string) => {
      if (sql !== 'BEGIN') return prepare(sql);
      if (!begun) return prepare('BEGIN IMMEDIATE');
      begun = false;
      return { run: () => ({ changes: 0, lastInsertRowid: 0 }) };
    }) as typeof client.prepare;
    const start = adapter.startTransaction.bind(adapter);
    const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
    let queue = Promise.resolve();
    adapter.startTransaction = async (isolationLevel) => {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => (release = resolve));
      const before = queue;
      queue = queue.then(() => turn);
      await before;
      try {
        prepare('BEGIN IMMEDIATE').run();
      } catch (e) {
        release();
        onError(e);
      }
      begun = true;
      try {
        const tx = await start(isolationLevel);
        const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
        tx.commit = () => commit().finally(release);
        tx.rollback = () => rollback().finally(release);
        return tx;
      } catch (e) {
        begun = false;
        if (client.inTransaction) prepare('ROLLBACK').run();
        release();
        throw e;
      }
    };
    // Known to src/db/direct-sqlite.ts, so the import's bulk writes can use it directly.
    registerSqliteConnection(factory, client);
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
    connect: async () => serialTransactions(await main.connect()),
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

/**
 * Prisma's query interpreter runs the independent queries of one operation side by side (an
 * `include` loads its relations at once), and inside a transaction they all go to the transaction's
 * one pg client. pg queues them, but since 8.19 it prints a DeprecationWarning on the user's terminal
 * for it ("Calling client.query() when the client is already executing a query", an error from pg 9
 * on). So a transaction's queries queue here instead, each started when the one before has settled.
 */
function serialTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await start(isolationLevel);
    const io = tx as unknown as { performIO(query: unknown): Promise<unknown> };
    const perform = io.performIO.bind(tx);
    let last: Promise<unknown> = Promise.resolve();
    io.performIO = (query) => {
      const run = last.then(() => perform(query));
      last = run.catch(() => undefined);
      return run;
    };
    return tx;
  };
  return adapter;
}
