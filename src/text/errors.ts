import { MizanError } from '../errors.js';

/** A pipeline configuration value is out of range, of the wrong type, unknown, or from another version. */
export class PipelineConfigError extends MizanError {
  override readonly name = 'PipelineConfigError' as const;
  readonly code = 'PIPELINE_CONFIG' as const;

  constructor(
    /** Dotted path of the offending field, e.g. `features.hashBits`. */
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`text pipeline config: ${field} ${reason} (got ${describe(value)})`);
  }
}

export function isPipelineConfigError(e: unknown): e is PipelineConfigError {
  return e instanceof PipelineConfigError;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
