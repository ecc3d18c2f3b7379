// Every error Mizan raises on purpose is a MizanError: the CLI maps it to a one-line message and an
// exit code, the HTTP server to a 4xx/5xx JSON body. Anything else is a bug and is reported as such.
export abstract class MizanError extends Error {
  abstract readonly code: string;
  /** Exit code the CLI uses for this kind of error (1 unless a subclass says otherwise). */
  readonly exitCode: number = 1;
}

export function isMizanError(e: unknown): e is MizanError {
  return e instanceof MizanError;
}
