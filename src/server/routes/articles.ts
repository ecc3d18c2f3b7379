import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { Database } from '../../db/open.js';
import { addArticles } from '../../ingest/write/add-articles.js';
import { parseArabicDate } from '../../ingest/parse/dates/parse-date.js';
import { splitTitle } from '../../ingest/draft.js';
import type { ArticleDraft } from '../../ingest/draft.js';
import { parsePage } from '../../ingest/parse/page/parse-page.js';
import { isMizanError } from '../../errors.js';
import type { AppEnv } from '../types.js';
import { ApiError } from '../errors.js';
import { requireJson } from '../json-body.js';
import type { NewArticleSchema } from '../schemas.js';
import { ArticlesResponseSchema, ErrorSchema, articlesRequestSchema } from '../schemas.js';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

type NewArticle = z.infer<typeof NewArticleSchema>;

function draftOf(a: NewArticle, index: number): ArticleDraft {
  const where = `articles.${index}`;
  let publishedAt: Date | null = null;
  if (a.publishedAt !== undefined) {
    const parsed = parseArabicDate(a.publishedAt);
    if (parsed === null) throw new ApiError(400, 'invalid_request', `${where}.publishedAt: "${a.publishedAt}" is not a date`);
    publishedAt = parsed.date;
  }
  const base = { externalId: a.externalId ?? null, url: a.url ?? null, sourceKey: null, dateline: null, author: null };
  if (a.raw !== undefined && a.raw.trim() !== '') {
    let page;
    try {
      page = parsePage(a.raw);
    } catch (e) {
      if (isMizanError(e)) throw new ApiError(400, 'invalid_request', `${where}.raw: ${e.message}`);
      throw e;
    }
    return {
      ...base,
      source: a.source ?? page.source,
      sourceKey: page.sourceKey,
      title: page.title,
      body: page.body,
      rawText: a.raw,
      language: page.language,
      publishedAt: publishedAt ?? page.publishedAt,
      publishedText: a.publishedAt ?? page.publishedText,
      dateline: page.dateline,
      author: page.author,
    };
  }
  const text = a.text ?? [a.title, a.body].filter((s) => s !== undefined).join('\n');
  const { title, body } = a.title !== undefined && a.title.trim() !== '' ? { title: a.title.trim(), body: (a.body ?? a.text ?? '').trim() } : splitTitle(text);
  return { ...base, source: a.source ?? null, title, body, rawText: text, language: 'und', publishedAt, publishedText: a.publishedAt ?? null };
}

export function registerArticleRoutes(app: OpenAPIHono<AppEnv>, db: Database | null, limit: number): void {
  const route = createRoute({
    method: 'post',
    middleware: [requireJson] as const,
    path: '/v1/articles',
    request: { body: { content: { 'application/json': { schema: articlesRequestSchema(limit) } }, required: true } },
    responses: {
      201: json(ArticlesResponseSchema, 'Queued for labeling; duplicates are counted, not added.'),
      400: json(ErrorSchema, 'Invalid JSON or fields.'),
      503: json(
        ErrorSchema,
        'The database is not available (no_database), or another process holds it past the busy timeout (database_busy, with Retry-After).',
      ),
    },
  });
  app.openapi(route, async (c) => {
    if (db === null) throw new ApiError(503, 'no_database', 'the server runs without a database');
    const drafts = c.req.valid('json').articles.map(draftOf);
    return c.json(await addArticles(db, drafts, `api:${c.get('requestId')}`), 201);
  });
}
