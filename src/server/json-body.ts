import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Route middleware for the POST routes: a body that is not declared as JSON is a 415, whether the
 * Content-Type is wrong or missing (the validator would otherwise read a missing body as `{}`).
 */
export const requireJson: MiddlewareHandler = async (c, next) => {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
  }
  await next();
};
