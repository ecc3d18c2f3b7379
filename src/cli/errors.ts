import { MizanError } from '../errors.js';

/** Exit codes: 1 bad input or failed job, 2 usage (including commands not built yet), 70 internal. */
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export class UsageError extends MizanError {
  override readonly name = 'UsageError' as const;
  readonly code = 'usage';
  override readonly exitCode = EXIT_USAGE;
}

export class NotBuiltError extends MizanError {
  override readonly name = 'NotBuiltError' as const;
  readonly code = 'not_built';
  override readonly exitCode = EXIT_USAGE;
  constructor(readonly command: string) {
    super(`\`mizan ${command}\` is not built yet`);
  }
}

export class NoTerminalError extends MizanError {
  override readonly name = 'NoTerminalError' as const;
  readonly code = 'no_terminal';
  override readonly exitCode = EXIT_USAGE;
}
