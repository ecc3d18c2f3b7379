// GET /v1/report: `mizan report` over HTTP. Articles the model has not predicted yet are classified
// and stored first (one fill per model at a time, shared by concurrent requests).
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { join } from 'node:path';
import type { Database } from '../../db/open.js';
import { ModelNotFoundError, isModelCorruptError } from '../../model/errors.js';
import { loadModel } from '../../model/io.js';
import type { LoadedModel } from '../../model/io.js';
import { isEmptyReportError, isReportFieldError } from '../../report/errors.js';
import { reportCsv } from '../../report/format.js';
import { GROUP_BYS } from '../../report/groups.js';
import type { GroupBy } from '../../report/groups.js';
import { fillPredictions } from '../../report/predictions.js';
import { ARTICLE_SELECTIONS, buildReport } from '../../report/report.js';
import { ApiError } from '../errors.js';
import type { ModelSource } from '../model-source.js';
import { ErrorSchema } from '../schemas.js';
import type { AppEnv } from '../types.js';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const validDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(s)) && (!isDay(s) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s);
const dateParam = (what: string) =>
  z
    .string()
    .refine(validDate, { message: `not a date (YYYY-MM-DD, UTC, or an ISO 8601 time with its offset)` })
    .optional()
    .openapi({ description: what, example: '2016-01-01' });

export const ReportQuerySchema = z
  .object({
    field: z
      .string()
      .regex(/^(topics|stance:[^\s:]+)$/, 'use topics or stance:<target>')
      .openapi({ description: '`topics` or `stance:<target>`.', example: 'topics' }),
    by: z
      .string()
      .refine((s) => s.split(',').every((p) => (GROUP_BYS as readonly string[]).includes(p.trim())), {
        message: `use one or more of ${GROUP_BYS.join(', ')}, joined by commas`,
      })
      .optional()
      .openapi({ description: 'Group by source, month, week, year or dateline (UTC periods); several joined by commas.', example: 'source,month' }),
    articles: z
      .enum(ARTICLE_SELECTIONS as [string, ...string[]])
      .optional()
      .openapi({ description: '`all` (default): confirmed human labels where there are, the model for the rest; `labeled`; `unlabeled`.' }),
    since: dateParam('Articles published on or after this date.'),
    until: dateParam('Articles published up to this date (a calendar date includes the whole day).'),
    model: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not a model version')
      .optional()
      .openapi({ description: 'A model version under the models directory (default: the one the server classifies with).' }),
    raw: z.enum(['true', 'false']).optional().openapi({ description: '`true`: plain classify-and-count, no correction.' }),
    format: z.enum(['json', 'csv']).optional().openapi({ description: '`json` (default) or `csv` (columns group,field,value,count,share,low,high,method).' }),
  })
  .strict();

const RecordSchema = z.object({
  group: z.string(),
  field: z.string(),
  value: z.string(),
  count: z.number().openapi({ description: 'Articles with this value by human label or raw prediction.' }),
  share: z.number().openapi({ description: "Estimated share of the group's articles." }),
  low: z.number(),
  high: z.number(),
  method: z.enum(['cc', 'acc', 'labeled', 'labeled+cc', 'labeled+acc']),
});

export const ReportSchema = z
  .object({
    modelVersion: z.string(),
    field: z.string(),
    by: z.array(z.string()),
    articles: z.string(),
    multiLabel: z.boolean().openapi({ description: "Each value is a share of the articles: a group's shares may sum to more than 1." }),
    values: z.array(z.string()),
    corrected: z.boolean(),
    groups: z.array(z.object({ group: z.string(), articles: z.number(), labeled: z.number() })),
    records: z.array(RecordSchema),
    notes: z.array(z.string()),
  })
  .openapi('Report');

const route = createRoute({
  method: 'get',
  path: '/v1/report',
  request: { query: ReportQuerySchema },
  responses: {
    200: {
      content: { 'application/json': { schema: ReportSchema }, 'text/csv': { schema: z.string() } },
      description: 'Per group and value: count, estimated share, 95 % interval, method (see `mizan report --help`).',
    },
    400: json(ErrorSchema, 'A query parameter is invalid (the message names it).'),
    401: json(ErrorSchema, 'Missing or wrong bearer token.'),
    404: json(ErrorSchema, 'No such model version (model_not_found), or no article matches (no_articles).'),
    409: json(ErrorSchema, 'The model has no head for the field (field_not_in_model).'),
    503: json(ErrorSchema, 'No model trained yet, or no database.'),
  },
});

export interface ReportDeps {
  models: ModelSource;
  db: Database | null;
  /** Where `?model=` versions are looked up. */
  modelsDir?: string | undefined;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, deps: ReportDeps): void {
  const filling = new Map<string, Promise<number>>();
  const fill = (db: Database, model: LoadedModel) => {
    let p = filling.get(model.id);
    if (p === undefined) {
      p = fillPredictions(db.prisma, model, { sqliteFile: db.target.provider === 'sqlite' ? db.target.file : undefined }).finally(() =>
        filling.delete(model.id),
      );
      filling.set(model.id, p);
    }
    return p;
  };

  const chooseModel = async (version: string | undefined): Promise<LoadedModel> => {
    const current = deps.models.current();
    if (version === undefined || version === current?.id) {
      if (current === null) throw new ApiError(503, 'no_model', deps.models.problem() ?? 'no model has been trained yet');
      return current;
    }
    if (deps.modelsDir === undefined) throw new ApiError(404, 'model_not_found', `model: no model version "${version}" on this server`);
    try {
      return await loadModel(join(deps.modelsDir, version));
    } catch (e) {
      if (e instanceof ModelNotFoundError) throw new ApiError(404, 'model_not_found', `model: no model version "${version}" on this server`);
      if (isModelCorruptError(e)) throw new ApiError(409, 'model_corrupt', `model: version "${version}" failed to load`);
      throw e;
    }
  };

  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    if (deps.db === null) throw new ApiError(503, 'no_database', 'the server runs without a database');
    const db = deps.db;
    const since = q.since === undefined ? undefined : new Date(isDay(q.since) ? `${q.since}T00:00:00Z` : q.since);
    const until = q.until === undefined ? undefined : isDay(q.until) ? new Date(Date.parse(`${q.until}T00:00:00Z`) + 86_400_000) : new Date(q.until);
    if (since !== undefined && until !== undefined && since.getTime() >= until.getTime()) throw new ApiError(400, 'invalid_request', 'since: not before until');
    const model = await chooseModel(q.model);
    if (!model.heads.some((h) => h.field === q.field)) {
      throw new ApiError(
        409,
        'field_not_in_model',
        `field: model ${model.id} has no head for ${q.field} (its fields: ${model.heads.map((h) => h.field).join(', ')})`,
      );
    }
    if (q.articles !== 'labeled') await fill(db, model);
    const by = q.by === undefined ? [] : [...new Set(q.by.split(',').map((s) => s.trim() as GroupBy))];
    let report;
    try {
      report = await buildReport(db.prisma, model, {
        field: q.field,
        by,
        articles: (q.articles ?? 'all') as 'all',
        since,
        until,
        raw: q.raw === 'true',
        sqliteFile: db.target.provider === 'sqlite' ? db.target.file : undefined,
      });
    } catch (e) {
      if (isEmptyReportError(e)) throw new ApiError(404, 'no_articles', e.message);
      if (isReportFieldError(e)) throw new ApiError(409, 'field_not_in_model', e.message);
      throw e;
    }
    if (q.format === 'csv') return c.body(reportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    return c.json({ ...report, records: report.records.map((r) => ({ ...r, share: round(r.share), low: round(r.low), high: round(r.high) })) }, 200);
  });
}
