// Every error Mizan raises on purpose is a MizanError: the CLI maps it to a one-line message and an
// exit code, the HTTP server to a 4xx/5xx JSON body. Anything else is a bug and is reported as such.

/** Exit codes, named once (BSD sysexits where one fits: 70 EX_SOFTWARE, 75 EX_TEMPFAIL). */
export const EXIT_OK = 0;
/** Bad input (a file, a row, a field) or a job that could not be done. */
export const EXIT_BAD_INPUT = 1;
/** The command line is wrong: an unknown option, a value that does not parse, no terminal. */
export const EXIT_USAGE = 2;
/** A bug: an error that is not a MizanError. */
export const EXIT_INTERNAL = 70;
/** The database stayed locked by another process: try again later. */
export const EXIT_BUSY = 75;

export abstract class MizanError extends Error {
  abstract readonly code: string;
  /** Exit code the CLI uses for this kind of error (bad input unless a subclass says otherwise). */
  readonly exitCode: number = EXIT_BAD_INPUT;
}

export function isMizanError(e: unknown): e is MizanError {
  return e instanceof MizanError;
}
