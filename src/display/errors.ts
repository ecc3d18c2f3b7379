import { MizanError } from '../errors.js';

export class DisplayWidthError extends MizanError {
  override readonly name = 'DisplayWidthError' as const;
  readonly code = 'display_width_invalid';
  constructor(readonly width: number) {
    super(`display width must be a whole number of columns >= 1, got ${String(width)}`);
  }
}

export class RtlModeError extends MizanError {
  override readonly name = 'RtlModeError' as const;
  readonly code = 'rtl_mode_invalid';
  constructor(
    readonly value: string,
    /** Where the value came from, e.g. `MIZAN_RTL` or `--rtl`. */
    readonly source: string,
  ) {
    super(`${source}: unknown right-to-left mode "${value}" (expected app, terminal or auto)`);
  }
}

export function isDisplayWidthError(e: unknown): e is DisplayWidthError {
  return e instanceof DisplayWidthError;
}

export function isRtlModeError(e: unknown): e is RtlModeError {
  return e instanceof RtlModeError;
}
