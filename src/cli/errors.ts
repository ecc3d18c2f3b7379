import { EXIT_USAGE, MizanError } from '../errors.js';

export class UsageError extends MizanError {
  override readonly name = 'UsageError' as const;
  readonly code = 'usage';
  override readonly exitCode = EXIT_USAGE;
}

export class NoTerminalError extends MizanError {
  override readonly name = 'NoTerminalError' as const;
  readonly code = 'no_terminal';
  override readonly exitCode = EXIT_USAGE;
}
