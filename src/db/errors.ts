import { MizanError } from '../errors.js';

export class DatabaseUrlError extends MizanError {
  override readonly name = 'DatabaseUrlError' as const;
  readonly code = 'db_url';
  constructor(readonly url: string, reason: string) {
    super(`database URL "${url}": ${reason}`);
  }
}

export class MigrationError extends MizanError {
  override readonly name = 'MigrationError' as const;
  readonly code = 'db_migration';
  constructor(message: string, readonly migration?: string) {
    super(message);
  }
}

export function isDatabaseUrlError(e: unknown): e is DatabaseUrlError {
  return e instanceof DatabaseUrlError;
}

export function isMigrationError(e: unknown): e is MigrationError {
  return e instanceof MigrationError;
}
