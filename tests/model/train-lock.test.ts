// One background training per database across processes: the lock held by one process is refused
// to another until released; a holder killed with SIGKILL does not keep it (SQLite: its lock file is
// taken over; PostgreSQL: the lock goes with its connection).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/url.js';
import { acquireTrainLock } from '../../src/model/train-lock.js';
import { HAS_PG, tempPgUrl } from '../helpers/pg.js';
import { tempDir } from '../helpers/temp.js';

const HOLDER = join(import.meta.dirname, 'fixtures/hold-train-lock.ts');

interface Holder {
  child: ChildProcessWithoutNullStreams;
  line(): Promise<string>;
}

function holder(url: string): Holder {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, url], { stdio: 'pipe' });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return { child, line: async () => String((await lines.next()).value) };
}

const exited = (c: ChildProcessWithoutNullStreams) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

async function lockAcrossProcesses(url: string) {
  const target = parseDatabaseUrl(url);
  const a = holder(url);
  expect(await a.line()).toBe('held');
  // Another process, and this one, are refused while it holds the lock.
  const b = holder(url);
  expect(await b.line()).toBe('busy');
  expect(await acquireTrainLock(target)).toBeNull();
  a.child.stdin.write('release\n');
  expect(await a.line()).toBe('released');
  const mine = await acquireTrainLock(target);
  expect(mine).not.toBeNull();
  const c = holder(url);
  expect(await c.line()).toBe('busy');
  await mine!.release();

  // A holder that dies without releasing does not keep the database from training.
  const d = holder(url);
  expect(await d.line()).toBe('held');
  d.child.kill('SIGKILL');
  await exited(d.child);
  // PostgreSQL notices the closed connection on its own schedule: ask until it has (no clock in the assertion).
  let after = await acquireTrainLock(target);
  for (let i = 0; after === null && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    after = await acquireTrainLock(target);
  }
  expect(after).not.toBeNull();
  await after!.release();
}

describe('training lock', () => {
  it('SQLite: a lock file beside the database, one holder across processes', async () => {
    await lockAcrossProcesses(`file:${join(tempDir(), 'mizan.db')}`);
  }, 60_000);

  it.skipIf(!HAS_PG)(
    'PostgreSQL: an advisory lock, one holder across processes',
    async () => {
      await lockAcrossProcesses(await tempPgUrl());
    },
    60_000,
  );
});
