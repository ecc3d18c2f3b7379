import { EXIT_BUSY, MizanError } from '../errors.js';

export class DatabaseUrlError extends MizanError {
  override readonly name = 'DatabaseUrlError' as const;
  readonly code = 'db_url';
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`database URL "${url}": ${reason}`);
  }
}

export class MigrationError extends MizanError {
  override readonly name = 'MigrationError' as const;
  readonly code = 'db_migration';
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
  }
}

export function isMigrationError(e: unknown): e is MigrationError {
  return e instanceof MigrationError;
}

/**
 * Another process holds the database (an SQLite file being written by a large import, which keeps
 * it until it ends; or a lock that outlasted every retry): nothing was changed, try again.
 */
export class DatabaseBusyError extends MizanError {
  override readonly name = 'DatabaseBusyError' as const;
  readonly code = 'db_busy';
  /** EX_TEMPFAIL: the same command can succeed later. */
  override readonly exitCode = EXIT_BUSY;
  constructor(readonly detail: string) {
    super(
      `the database is busy: another process is writing it (a large import holds an SQLite file until it ends); try again when it has finished (${detail})`,
    );
  }
}
