// The database problems a user meets (a server that is down, a wrong password, a file that is not
// a database, a full disk...), told apart from bugs: each becomes one line naming the database
// (password hidden) and what to do. The driver, Prisma's client and the schema engine each word
// them differently, so the error's message, code and wrapped cause are all looked at.
import { MizanError } from '../errors.js';
import type { DatabaseTarget } from './url.js';

export type DatabaseProblem =
  'unreachable' | 'authentication' | 'no_database' | 'permission' | 'not_sqlite' | 'read_only' | 'disk_full' | 'too_many_connections';

/** EX_TEMPFAIL where running the same command later can succeed (the server comes back). */
const RETRYABLE: ReadonlySet<DatabaseProblem> = new Set(['unreachable', 'too_many_connections']);

export class DatabaseAccessError extends MizanError {
  override readonly name = 'DatabaseAccessError' as const;
  readonly code: `db_${DatabaseProblem}`;
  override readonly exitCode: number;
  constructor(
    readonly problem: DatabaseProblem,
    readonly where: string,
    advice: string,
  ) {
    super(`${where}: ${advice}`);
    this.code = `db_${problem}`;
    this.exitCode = RETRYABLE.has(problem) ? 75 : 1;
  }
}

/** A command that only reads was pointed at an SQLite file that does not exist. */
export class NoDatabaseError extends MizanError {
  override readonly name = 'NoDatabaseError' as const;
  readonly code = 'db_missing';
  constructor(readonly file: string) {
    super(`no database at ${file} (mizan import creates one)`);
  }
}

/** The URL with its password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** How the database is named in messages: the SQLite file's path, or the URL without its password. */
export function databaseName(target: DatabaseTarget): string {
  return target.provider === 'sqlite' ? target.file : redactUrl(target.url);
}

const PATTERNS: [DatabaseProblem, RegExp][] = [
  ['authentication', /28P01|28000|password authentication failed|Authentication failed|AuthenticationFailed|no pg_hba\.conf entry|SASL/i],
  ['no_database', /3D000|database "[^"]*" does not exist|Database `[^`]*` does not exist|DatabaseDoesNotExist/i],
  ['too_many_connections', /53300|too many (clients|connections)|TooManyConnections/i],
  [
    'unreachable',
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|Can't reach database server|DatabaseNotReachable|Connection terminated unexpectedly|57P03|the database system is (starting up|shutting down)/i,
  ],
  ['disk_full', /SQLITE_FULL|database or disk is full|53100|could not extend file|No space left on device|ENOSPC/i],
  ['read_only', /SQLITE_READONLY|attempt to write a readonly database|readonly database|EROFS/i],
  ['not_sqlite', /SQLITE_NOTADB|file is not a database|SQLITE_CORRUPT|database disk image is malformed/i],
  ['permission', /42501|permission denied|must be owner|SQLITE_PERM|SQLITE_CANTOPEN|unable to open database file|EACCES|EPERM/i],
];

function haystack(e: unknown, depth = 0): string {
  if (depth > 4 || e === null || e === undefined) return '';
  if (typeof e !== 'object') return String(e);
  const o = e as {
    message?: unknown;
    code?: unknown;
    kind?: unknown;
    errno?: unknown;
    originalCode?: unknown;
    originalMessage?: unknown;
    cause?: unknown;
    meta?: unknown;
  };
  const own = [o.message, o.code, o.kind, o.originalCode, o.originalMessage]
    .filter((x) => x !== undefined)
    .map(String)
    .join(' ');
  const meta = (o.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  return `${own} ${haystack(o.cause, depth + 1)} ${haystack(meta, depth + 1)}`;
}

/** The problem `e` reports about the database, if it is one of the known ones. */
export function databaseProblem(e: unknown): DatabaseProblem | null {
  const text = haystack(e);
  for (const [problem, pattern] of PATTERNS) if (pattern.test(text)) return problem;
  return null;
}

/** `e` as the one-line error a user can act on, or null when it is not a known database problem. */
export function describeDatabaseError(e: unknown, target: DatabaseTarget): DatabaseAccessError | null {
  const problem = databaseProblem(e);
  if (problem === null) return null;
  const name = databaseName(target);
  const pg = target.provider === 'postgresql';
  const host = pg ? hostOf(target.url) : '';
  const advice: Record<DatabaseProblem, string> = {
    unreachable: `cannot reach the PostgreSQL server${host}: is it running and listening there? (try again when it is)`,
    authentication: 'the server refused the user name or password: check them in the URL',
    no_database: `the database does not exist on the server: create it (createdb ${pg ? databaseOf(target.url) : 'NAME'}) or fix its name in the URL`,
    permission: pg
      ? 'permission denied: the user needs rights on this database and its tables (GRANT, or connect as the owner)'
      : 'permission denied: the file or its directory cannot be opened or written by this user',
    not_sqlite: 'is not an SQLite database (or is damaged): point --db at a Mizan database, or restore a backup (mizan db backup)',
    read_only: 'is read-only: make the file and its directory writable (chmod u+w), or copy it somewhere writable',
    disk_full: 'the disk is full: free some space and run the command again (nothing was changed)',
    too_many_connections: 'the server has too many connections open: try again shortly, or raise max_connections',
  };
  return new DatabaseAccessError(problem, name, advice[problem]);
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return ` at ${u.hostname}:${u.port || '5432'}`;
  } catch {
    return '';
  }
}

function databaseOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'NAME';
  } catch {
    return 'NAME';
  }
}
