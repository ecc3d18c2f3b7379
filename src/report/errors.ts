import { MizanError } from '../errors.js';

/** The report asks for a field the model has no head for (or that is not a field at all). */
export class ReportFieldError extends MizanError {
  override readonly name = 'ReportFieldError' as const;
  readonly code = 'field_not_in_model';
  constructor(
    readonly field: string,
    readonly modelId: string,
    readonly available: string[],
  ) {
    super(`--field ${field}: model ${modelId} has no head for it (its fields: ${available.join(', ')})`);
  }
}

/** No article matches the report's selection (dates, labeled/unlabeled). */
export class EmptyReportError extends MizanError {
  override readonly name = 'EmptyReportError' as const;
  readonly code = 'no_articles';
}

/** Articles the report would count with the model have no stored prediction (filled by fillPredictions). */
export class MissingPredictionsError extends MizanError {
  override readonly name = 'MissingPredictionsError' as const;
  readonly code = 'predictions_missing';
  constructor(
    readonly modelId: string,
    readonly missing: number,
  ) {
    super(`${missing} articles have no stored prediction of model ${modelId} yet`);
  }
}

export function isReportFieldError(e: unknown): e is ReportFieldError {
  return e instanceof ReportFieldError;
}
export function isEmptyReportError(e: unknown): e is EmptyReportError {
  return e instanceof EmptyReportError;
}
