// One background training at a time per database, across processes and machines. PostgreSQL: a
// session advisory lock on a connection of its own, held while the model trains (it goes with the
// connection if the process dies). SQLite: a lock file beside the database file, created
// exclusively; one left by a process that is gone (same host, pid not running) or older than
// STALE_MS is taken over. No table: the lock needs no migration.
import { randomBytes } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { DatabaseTarget } from '../db/url.js';

/** Key of the advisory lock: "mizantrn" as 8 bytes; other tools of the database will not pick it. */
const PG_LOCK_KEY = '7884757884728278';
/** A lock file older than this is taken to be abandoned (a crashed machine cannot remove its own). */
const STALE_MS = 6 * 3600 * 1000;

export interface TrainLock {
  release(): Promise<void>;
}

/** The lock, or null when another process holds it (it is training this database now). */
export async function acquireTrainLock(target: DatabaseTarget): Promise<TrainLock | null> {
  return target.provider === 'postgresql' ? pgLock(target.url) : fileLock(`${target.file}.train-lock`);
}

async function pgLock(url: string): Promise<TrainLock | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${PG_LOCK_KEY}) AS ok`);
    if (r.rows[0]?.ok !== true) {
      await client.end();
      return null;
    }
  } catch (e) {
    await client.end().catch(() => undefined);
    throw e;
  }
  return {
    async release() {
      // Ending the session releases its advisory locks.
      await client.end();
    },
  };
}

interface Holder {
  pid: number;
  host: string;
  at: number;
  token: string;
}

async function fileLock(path: string): Promise<TrainLock | null> {
  const me: Holder = { pid: process.pid, host: hostname(), at: Date.now(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: 'wx' });
      return {
        async release() {
          // Only our own: a lock taken over as stale is someone else's now.
          if ((await readHolder(path))?.token === me.token) await unlink(path).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(path);
    if (holder !== null && !isStale(holder)) return null;
    await unlink(path).catch(() => undefined);
  }
  return null;
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const h = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' && typeof h.at === 'number' && typeof h.token === 'string' ? (h as Holder) : null;
  } catch {
    return null; // half-written or gone: taken as stale
  }
}

function isStale(h: Holder): boolean {
  if (Date.now() - h.at > STALE_MS) return true;
  if (h.host !== hostname()) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
