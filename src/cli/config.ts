import { resolve } from 'node:path';
import { SQLITE_BUSY_TIMEOUT_MS } from '../db/adapter.js';
import { DEFAULT_DATABASE_URL } from '../db/url.js';
import { integerFlag } from './flags.js';

/**
 * Configuration, read once at the edge (flags over environment over defaults) and passed down: no
 * module below src/cli reads process.env. The environment variables, all optional:
 *
 *   DATABASE_URL           the database (--db)
 *   MIZAN_MODELS           directory of trained models (--models)
 *   MIZAN_API_TOKEN        `mizan serve` requires `Authorization: Bearer <token>`
 *   MIZAN_PG_URL           the PostgreSQL server `mizan db diff` writes the PostgreSQL migration with
 *   MIZAN_BUSY_TIMEOUT_MS  how long SQLite waits for another process's lock (default 10000)
 *   MIZAN_DEBUG            stack traces and full engine messages in errors
 *   MIZAN_RTL              app | terminal | auto (read with the terminal's own variables, src/display/mode.ts)
 */
export interface Config {
  dbUrl: string;
  modelsDir: string;
  cwd: string;
  /** The bearer token `mizan serve` requires; undefined (or empty in the environment): none. */
  apiToken: string | undefined;
  pgUrl: string | undefined;
  busyTimeoutMs: number;
  debug: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function readConfig(
  flags: { db?: string | undefined; models?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Config {
  const busy = nonEmpty(env['MIZAN_BUSY_TIMEOUT_MS']);
  return {
    dbUrl: flags.db ?? nonEmpty(env['DATABASE_URL']) ?? DEFAULT_DATABASE_URL,
    modelsDir: resolve(cwd, flags.models ?? nonEmpty(env['MIZAN_MODELS']) ?? './models'),
    cwd,
    apiToken: nonEmpty(env['MIZAN_API_TOKEN']),
    pgUrl: nonEmpty(env['MIZAN_PG_URL']),
    busyTimeoutMs: busy === undefined ? SQLITE_BUSY_TIMEOUT_MS : integerFlag('MIZAN_BUSY_TIMEOUT_MS', busy, 0, 3_600_000),
    debug: isDebug(env),
    env,
  };
}

/** MIZAN_DEBUG set to anything but "", "0" or "false". Read before the rest, for errors raised while reading it. */
export function isDebug(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = nonEmpty(env['MIZAN_DEBUG']);
  return v !== undefined && v !== '0' && v.toLowerCase() !== 'false';
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}
