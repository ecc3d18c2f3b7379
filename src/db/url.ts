import { isAbsolute, resolve } from 'node:path';
import { DatabaseUrlError } from './errors.js';

export type DatabaseTarget = { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };

export const DEFAULT_DATABASE_URL = 'file:./data/mizan.db';

/** Parses `--db` / DATABASE_URL. Relative SQLite paths resolve against `cwd`, as Prisma's do. */
export function parseDatabaseUrl(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === '') throw new DatabaseUrlError(url, 'is empty');
  if (/^postgres(ql)?:\/\//i.test(trimmed)) return { provider: 'postgresql', url: trimmed };
  if (trimmed.startsWith('file:')) {
    const path = decodeURIComponent(
      trimmed
        .slice('file:'.length)
        .replace(/^\/\/(?=\/)/, '')
        .split('?')[0] ?? '',
    );
    if (path === '') throw new DatabaseUrlError(url, 'has no file path after "file:"');
    return { provider: 'sqlite', url: trimmed, file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw new DatabaseUrlError(url, 'unsupported scheme (use file:PATH for SQLite or postgresql://...)');
  }
  // A bare path is taken as a SQLite file: friendlier than an error for `--db my.db`.
  return { provider: 'sqlite', url: `file:${trimmed}`, file: isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed) };
}
