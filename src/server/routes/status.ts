import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../types.js';
import { ApiError } from '../errors.js';
import { ErrorSchema, HealthSchema, ModelInfoSchema, ReadySchema } from '../schemas.js';
import { modelInfo } from '../present.js';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const health = createRoute({ method: 'get', path: '/v1/health', security: [], responses: { 200: json(HealthSchema, 'The process is up.') } });
const ready = createRoute({
  method: 'get',
  path: '/v1/ready',
  responses: { 200: json(ReadySchema, 'A model is loaded and the database answers.'), 503: json(ReadySchema, 'Not ready yet.') },
});
const model = createRoute({
  method: 'get',
  path: '/v1/model',
  responses: { 200: json(ModelInfoSchema, 'The model in use.'), 503: json(ErrorSchema, 'No model trained yet.') },
});

export function registerStatusRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(health, (c) => c.json({ status: 'ok' as const }, 200));

  app.openapi(ready, async (c) => {
    const hasModel = deps.models.current() !== null;
    let database: boolean;
    try {
      await deps.db?.prisma.$queryRawUnsafe('SELECT 1');
      database = deps.db !== null;
    } catch {
      database = false;
    }
    const ok = hasModel && database;
    const message = !hasModel ? (deps.models.problem() ?? 'no model') : !database ? 'the database does not answer' : undefined;
    return c.json(
      { status: ok ? ('ready' as const) : ('not_ready' as const), model: hasModel, database, ...(message === undefined ? {} : { message }) },
      ok ? 200 : 503,
    );
  });

  app.openapi(model, (c) => {
    const current = deps.models.current();
    if (current === null) throw new ApiError(503, 'no_model', deps.models.problem() ?? 'no model has been trained yet');
    return c.json(modelInfo(current), 200);
  });
}
