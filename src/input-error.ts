import { MizanError } from './errors.js';

/** A problem with an input file, located as precisely as we know: file, row (or line), field. */
export class InputError extends MizanError {
  override readonly name = 'InputError' as const;
  readonly code = 'bad_input';
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly where: { row?: number; line?: number; field?: string } = {},
  ) {
    const at = [
      where.row === undefined ? '' : ` row ${where.row}`,
      where.line === undefined ? '' : ` line ${where.line}`,
      where.field === undefined ? '' : ` field "${where.field}"`,
    ].join('');
    super(`${file}${at === '' ? '' : `:${at}`}: ${problem}`);
  }
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
