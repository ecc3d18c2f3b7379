import { EXIT_USAGE, MizanError } from '../errors.js';

/** A bad export option (e.g. --since that is not a date); a usage error. */
export class ExportOptionError extends MizanError {
  override readonly name = 'ExportOptionError' as const;
  readonly code = 'export_option';
  override readonly exitCode = EXIT_USAGE;
  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`${option}: ${problem}`);
  }
}

/** --annotator names nobody in the database. */
export class UnknownAnnotatorError extends MizanError {
  override readonly name = 'UnknownAnnotatorError' as const;
  readonly code = 'unknown_annotator';
  constructor(
    readonly annotator: string,
    readonly known: readonly string[],
  ) {
    super(`--annotator: no annotator "${annotator}" in the database (known: ${known.length === 0 ? 'none yet' : known.join(', ')})`);
  }
}

/** --codebook-version names a version the database does not have. */
export class UnknownCodebookVersionError extends MizanError {
  override readonly name = 'UnknownCodebookVersionError' as const;
  readonly code = 'unknown_codebook_version';
  constructor(
    readonly version: number,
    readonly known: readonly number[],
  ) {
    super(`--codebook-version: no codebook version ${version} (known: ${known.length === 0 ? 'none yet' : known.join(', ')})`);
  }
}

/** The export cannot be written where --out points (missing directory, no permission, disk full). */
export class ExportOutputError extends MizanError {
  override readonly name = 'ExportOutputError' as const;
  readonly code = 'export_output';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
