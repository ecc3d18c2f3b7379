import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from '../db/url.js';

/** Configuration, read once at the edge (flags over environment over defaults) and passed down. */
export interface Config {
  dbUrl: string;
  modelsDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function readConfig(
  flags: { db?: string | undefined; models?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Config {
  return {
    dbUrl: flags.db ?? nonEmpty(env['DATABASE_URL']) ?? DEFAULT_DATABASE_URL,
    modelsDir: resolve(cwd, flags.models ?? nonEmpty(env['MIZAN_MODELS']) ?? './models'),
    cwd,
    env,
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}
