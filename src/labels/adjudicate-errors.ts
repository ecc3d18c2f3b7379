import { MizanError } from '../errors.js';

/** An adjudication that cannot be recorded: unknown article, or a value outside the codebook. */
export class AdjudicationError extends MizanError {
  override readonly name = 'AdjudicationError' as const;
  readonly code = 'adjudication_invalid';
  constructor(
    readonly articleId: string,
    readonly field: string | null,
    reason: string,
  ) {
    super(`adjudication of article ${articleId}${field === null ? '' : `, ${field}`}: ${reason}`);
  }
}

export function isAdjudicationError(e: unknown): e is AdjudicationError {
  return e instanceof AdjudicationError;
}
