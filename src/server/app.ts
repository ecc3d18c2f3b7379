import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { isTransientConflict } from '../db/write-transaction.js';
import { requireToken } from './auth.js';
import { ApiError, isApiError } from './errors.js';
import { requestLog } from './request-log.js';
import { registerArticleRoutes } from './routes/articles.js';
import { registerClassifyRoutes } from './routes/classify.js';
import { registerReportRoutes } from './routes/report.js';
import { registerStatusRoutes } from './routes/status.js';
import type { AppDeps, AppEnv } from './types.js';

export const DEFAULT_BODY_LIMIT = 1 << 20;
export const DEFAULT_BATCH_LIMIT = 256;

/** The JSON path of a zod issue as the client wrote it: `items.3.text`, or `body` for the whole. */
function fieldOf(issue: { path: PropertyKey[]; code: string; keys?: string[] }): string {
  const path = issue.path.map(String);
  // An unknown field is reported on its parent; name the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) path.push(issue.keys[0]!);
  return path.length === 0 ? 'body' : path.join('.');
}

/** Zod failures become one 400 that names the first offending field. */
const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue === undefined) throw new ApiError(400, 'invalid_request', 'body: invalid');
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message.endsWith(', received undefined') ? 'required' : issue.message;
    throw new ApiError(400, 'invalid_request', `${fieldOf(issue)}: ${message}`);
  }
};

/** Hono's own exceptions (malformed JSON, media type gate) get our codes and messages. */
function fromHttpException(e: HTTPException): ApiError {
  switch (e.status) {
    case 400:
      return new ApiError(400, 'invalid_json', 'the body is not valid JSON');
    case 413:
      return new ApiError(413, 'body_too_large', 'the body is over the limit');
    case 415:
      return new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json');
    default:
      // Hono's other exceptions carry no message meant for clients: keep the status only.
      return new ApiError(e.status, e.status >= 500 ? 'internal' : 'bad_request', e.status >= 500 ? 'internal error' : 'bad request');
  }
}

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const limit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const batchLimit = deps.batchLimit ?? DEFAULT_BATCH_LIMIT;

  app.use(requestId());
  if (deps.log !== undefined) app.use(requestLog(deps.log));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) =>
        errorResponse(
          c,
          new ApiError(405, 'method_not_allowed', `${c.req.method} is not allowed here: use ${allowed.join(', ')}`, { Allow: allowed.join(', ') }),
        ),
    }),
  );
  app.use('/v1/*', requireToken(deps.token, ['/v1/health']));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new ApiError(413, 'body_too_large', `the body is over the limit of ${limit} bytes`);
      },
    }),
  );

  registerStatusRoutes(app, deps);
  registerClassifyRoutes(app, deps.models, batchLimit);
  registerArticleRoutes(app, deps.db, batchLimit);
  registerReportRoutes(app, deps);

  const docConfig = {
    openapi: '3.1.0',
    // With a token, every operation needs it (health overrides this with an empty requirement).
    ...(deps.token ? { security: [{ bearer: [] }] } : {}),
    info: {
      title: 'Mizan classification API',
      version: '1.0.0',
      description:
        'Topic and target-specific stance for Arabic news. Errors are `{ "error": { "code", "message" } }`. ' +
        'When the server has a token (MIZAN_API_TOKEN), every /v1 route except /v1/health needs `Authorization: Bearer <token>`.',
    },
  };
  // Generated from the routes' own zod schemas on first use, then kept (generating takes tens of ms).
  let doc: unknown = null;
  app.get('/openapi.json', (c) => c.json((doc ??= app.getOpenAPI31Document(docConfig))));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.notFound((c) => errorResponse(c, new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((e, c) => {
    if (isApiError(e)) return errorResponse(c, e);
    if (e instanceof HTTPException) return errorResponse(c, fromHttpException(e));
    // The database held by another process past the busy timeout (e.g. a large import of the
    // embedded file): nothing was written; the client may retry.
    if (isTransientConflict(e))
      return errorResponse(
        c,
        new ApiError(503, 'database_busy', 'the database is busy (another process is writing it); try again shortly', { 'Retry-After': '5' }),
      );
    // A bug: the details go to the log, never to the client (no stack, no file path).
    deps.log?.({ level: 'error', requestId: c.get('requestId'), message: e.message, stack: e.stack });
    return errorResponse(c, new ApiError(500, 'internal', `internal error (request ${c.get('requestId')})`));
  });
  return app;
}

function errorResponse(c: Context<AppEnv>, e: ApiError): Response {
  return c.json({ error: { code: e.code, message: e.message } }, e.status, e.headers);
}
