import { MizanError } from '../errors.js';

/** Training was asked for classes that have too few labelled examples to learn or validate. */
export class TooFewLabelsError extends MizanError {
  override readonly name = 'TooFewLabelsError' as const;
  readonly code = 'too_few_labels';
  constructor(
    /** e.g. `topic:security` or `stance:algeria_morocco=favor`, with how many examples each has. */
    readonly lacking: { label: string; count: number }[],
    readonly minimum: number,
  ) {
    super(`too few labelled examples (need at least ${minimum} per class): ` + lacking.map((l) => `${l.label} (${l.count})`).join(', '));
  }
}

export class ModelNotFoundError extends MizanError {
  override readonly name = 'ModelNotFoundError' as const;
  readonly code = 'model_not_found';
  constructor(readonly path: string) {
    super(`no model at ${path} (train one with \`mizan train\`)`);
  }
}

export class ModelCorruptError extends MizanError {
  override readonly name = 'ModelCorruptError' as const;
  readonly code = 'model_corrupt';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

export function isTooFewLabelsError(e: unknown): e is TooFewLabelsError {
  return e instanceof TooFewLabelsError;
}
export function isModelCorruptError(e: unknown): e is ModelCorruptError {
  return e instanceof ModelCorruptError;
}
