import { MizanError } from '../errors.js';

export class CodebookError extends MizanError {
  override readonly name = 'CodebookError' as const;
  readonly code = 'codebook_invalid';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`);
  }
}

export class NoCodebookError extends MizanError {
  override readonly name = 'NoCodebookError' as const;
  readonly code = 'codebook_missing';
  constructor() {
    super('the database has no codebook yet: run `mizan codebook import FILE` (seeds/codebook.yaml is a start)');
  }
}

export class UnknownCodebookVersionError extends MizanError {
  override readonly name = 'UnknownCodebookVersionError' as const;
  readonly code = 'codebook_version_unknown';
  constructor(
    readonly version: number,
    readonly known: readonly number[],
  ) {
    super(`there is no codebook version ${version} (${known.length === 0 ? 'the database has no codebook yet' : `versions: ${known.join(', ')}`})`);
  }
}
