import { MizanError } from '../errors.js';

/** A label field name outside the event encoding (topic:<key>, stance:<target>, note, skipped, confirmed). */
export class LabelFieldError extends MizanError {
  override readonly name = 'LabelFieldError' as const;
  readonly code = 'label_field_invalid';
  constructor(readonly field: string) {
    super(`unknown label field "${field}" (expected topic:<key>, stance:<target>, note, skipped or confirmed)`);
  }
}

export function isLabelFieldError(e: unknown): e is LabelFieldError {
  return e instanceof LabelFieldError;
}
