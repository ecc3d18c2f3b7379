import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

/** Bearer-token check (MIZAN_API_TOKEN); a no-op when no token is configured. */
export function requireToken(token: string | undefined, open: readonly string[]): MiddlewareHandler {
  const expected = token === undefined || token === '' ? null : Buffer.from(token);
  return async (c, next) => {
    if (expected !== null && !open.includes(c.req.path)) {
      const header = c.req.header('authorization') ?? '';
      const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token', { 'WWW-Authenticate': 'Bearer' });
      }
    }
    await next();
  };
}
