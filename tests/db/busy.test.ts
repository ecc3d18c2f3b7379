// SQLite held by another process past the busy timeout: the transaction fails, and the connection
// stays usable (Prisma's adapter kept its transaction mutex when BEGIN failed: every later
// transaction then waited forever).
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { isTransientConflict } from '../../src/db/write-transaction.js';
import { tempDb } from '../helpers/temp.js';

it('a transaction refused for a busy file leaves the connection able to write once the file is free', async () => {
  const db = await tempDb({ busyTimeoutMs: 200 });
  const holder = new Database(db.url.replace(/^file:/, ''));
  try {
    holder.exec('BEGIN EXCLUSIVE');
    const write = () => db.prisma.$transaction(async (tx) => tx.annotator.create({ data: { name: `a${Date.now()}${Math.random()}` } }));
    const refused = await write().then(
      () => null,
      (e: unknown) => e,
    );
    expect(isTransientConflict(refused)).toBe(true);
    holder.exec('ROLLBACK');
    // Bounded: before the fix this never settled.
    const later = await Promise.race([write().then(() => 'written'), new Promise((r) => setTimeout(() => r('hung'), 5_000))]);
    expect(later).toBe('written');
    expect(await db.prisma.annotator.count()).toBe(1);
  } finally {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
    await db.close();
  }
}, 60_000);
