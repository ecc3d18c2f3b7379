import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../types.js';
import { ApiError } from '../errors.js';
import { requireJson } from '../json-body.js';
import type { ModelSource } from '../model-source.js';
import { classification, modelVersion } from '../present.js';
import { BatchResponseSchema, ClassificationSchema, ClassifyRequestSchema, ErrorSchema, batchRequestSchema } from '../schemas.js';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorSchema, 'Invalid JSON or fields.'),
  401: json(ErrorSchema, 'Missing or wrong bearer token.'),
  413: json(ErrorSchema, 'Body over the limit.'),
  415: json(ErrorSchema, 'Not JSON.'),
  503: json(ErrorSchema, 'No model trained yet.'),
};

function textOf(v: { text?: string | undefined; title?: string | undefined; body?: string | undefined }): string {
  return v.text ?? [v.title, v.body].filter((s) => s !== undefined && s.trim() !== '').join('\n');
}

export function registerClassifyRoutes(app: OpenAPIHono<AppEnv>, models: ModelSource, batchLimit: number): void {
  const single = createRoute({
    method: 'post',
    middleware: [requireJson] as const,
    path: '/v1/classify',
    request: { body: { content: { 'application/json': { schema: ClassifyRequestSchema } }, required: true } },
    responses: { 200: json(ClassificationSchema, 'Topics and stance per target.'), ...errors },
  });
  const batch = createRoute({
    method: 'post',
    middleware: [requireJson] as const,
    path: '/v1/classify/batch',
    request: { body: { content: { 'application/json': { schema: batchRequestSchema(batchLimit) } }, required: true } },
    responses: { 200: json(BatchResponseSchema, 'Results in the order of the items.'), ...errors },
  });

  // The model is taken once, when the request starts: a hot swap while it waits for its turn in the
  // predict queue cannot move it to the new model or mix two models in one answer.
  const modelOrFail = () => {
    const model = models.current();
    if (model === null) throw new ApiError(503, 'no_model', models.problem() ?? 'no model has been trained yet');
    return model;
  };

  app.openapi(single, async (c) => {
    const body = c.req.valid('json');
    const model = modelOrFail();
    const [prediction] = await models.classify(model, [textOf(body)], body.explain === true);
    return c.json({ modelVersion: modelVersion(model), ...classification(prediction!) }, 200);
  });

  app.openapi(batch, async (c) => {
    const body = c.req.valid('json');
    const model = modelOrFail();
    const predictions = await models.classify(model, body.items.map(textOf), body.explain === true);
    return c.json(
      {
        modelVersion: modelVersion(model),
        results: body.items.map((item, i) => ({ id: item.id, ...classification(predictions[i]!) })),
      },
      200,
    );
  });
}
