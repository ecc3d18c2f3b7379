import { MizanError } from '../errors.js';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The API's one error type: a status, a stable machine code and a message safe to show. Routes and
 * middleware throw it; the app's single onError turns it (and anything else) into
 * `{ "error": { "code", "message" } }` — never a stack trace or a file path.
 */
export class ApiError extends HTTPException {
  override readonly name = 'ApiError' as const;
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The server could not bind its address (port taken, address not on this machine, no permission). */
export class ListenError extends MizanError {
  override readonly name = 'ListenError' as const;
  readonly code = 'listen_failed';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly reason: string,
  ) {
    super(`cannot listen on ${host}:${port}: ${reason}`);
  }
}

export function isListenError(e: unknown): e is ListenError {
  return e instanceof ListenError;
}
