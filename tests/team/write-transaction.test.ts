// The busy errors SQLite really raises through Prisma are recognized as transient (retried), and
// others are not.
import Database from 'better-sqlite3';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PrismaClient } from '../../src/db/generated/client.js';
import { openDatabase } from '../../src/db/open.js';
import { providerOf } from '../../src/db/provider.js';
import { isTransientConflict, writeTransaction } from '../../src/db/write-transaction.js';
import { tempDir } from '../helpers/temp.js';

it('a locked SQLite file raises errors isTransientConflict recognizes; a constraint violation is not transient', async () => {
  const file = join(tempDir(), 'busy.db');
  const db = await openDatabase(`file:${file}`);
  await db.close();
  const holder = new Database(file);
  // A client that gives up at once instead of waiting 10 s, to get the error deterministically.
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 0 }) });
  try {
    holder.exec('BEGIN IMMEDIATE');
    const errors = await Promise.all([
      prisma.annotator.create({ data: { name: 'x' } }).then(
        () => null,
        (e: unknown) => e,
      ),
      writeTransaction(prisma, async (tx) => tx.annotator.create({ data: { name: 'y' } }), { attempts: 2 }).then(
        () => null,
        (e: unknown) => e,
      ),
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(isTransientConflict(e)).toBe(true);
    }
    holder.exec('ROLLBACK');
    expect(providerOf(prisma)).toBe('sqlite');
    await writeTransaction(prisma, async (tx) => tx.annotator.create({ data: { name: 'x' } }));
    const duplicate = await prisma.annotator.create({ data: { name: 'x' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(duplicate).toBeInstanceOf(Error);
    expect(isTransientConflict(duplicate)).toBe(false);
    expect(isTransientConflict('database is locked')).toBe(false);
  } finally {
    holder.close();
    await prisma.$disconnect();
  }
});
