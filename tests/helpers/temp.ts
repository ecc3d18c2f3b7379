import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import type { Database } from '../../src/db/open.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(prefix = 'mizan-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A real SQLite database file in a temp dir, migrated; closed after the test. `busyTimeoutMs`: for
 * tests of a file held by another process, which need not wait the default 10 s to see it refused.
 */
export async function tempDb(options: { busyTimeoutMs?: number } = {}): Promise<Database & { url: string; dir: string }> {
  const dir = tempDir();
  const url = `file:${join(dir, 'mizan.db')}`;
  const db = await openDatabase(url, options);
  cleanups.push(() => db.close());
  return Object.assign(db, { url, dir });
}

/** Opens the database at `url` for `fn` and closes it after, whatever happens. */
export async function withDb<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
