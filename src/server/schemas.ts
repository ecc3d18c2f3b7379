import { z } from '@hono/zod-openapi';

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi('Error');

const textFields = {
  text: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'The whole article (or post).', example: 'تعاون استخبارات الجزائر والمغرب لتجفيف منابع «داعش» في ليبيا' }),
  title: z.string().optional().openapi({ description: 'Title; with `body`, instead of `text`.' }),
  body: z.string().optional().openapi({ description: 'Body; with `title`, instead of `text`.' }),
};

function hasText(v: { text?: string | undefined; title?: string | undefined; body?: string | undefined }): boolean {
  return (v.text ?? '').trim() !== '' || (v.title ?? '').trim() !== '' || (v.body ?? '').trim() !== '';
}
const NEED_TEXT = { message: 'give "text", or "title" and/or "body"', path: ['text'] };

export const ClassifyRequestSchema = z
  .object({ ...textFields, explain: z.boolean().optional().openapi({ description: 'Add the n-grams behind each prediction.' }) })
  .strict()
  .refine(hasText, NEED_TEXT)
  .openapi('ClassifyRequest');

export const BatchItemSchema = z
  .object({ id: z.string().min(1).openapi({ example: 'a-1' }), ...textFields })
  .strict()
  .refine(hasText, NEED_TEXT);

export function batchRequestSchema(limit: number) {
  return z
    .object({
      items: z
        .array(BatchItemSchema)
        .min(1)
        .max(limit)
        .openapi({ description: `Up to ${limit} items.` }),
      explain: z.boolean().optional(),
    })
    .strict()
    .openapi('BatchClassifyRequest');
}

const ScoreSchema = z.object({ label: z.string(), score: z.number() });
const StanceSchema = z.object({ label: z.string(), score: z.number(), scores: z.record(z.string(), z.number()) });
const EvidenceSchema = z.object({ term: z.string(), weight: z.number(), field: z.string() });

export const ClassificationSchema = z
  .object({
    modelVersion: z.string(),
    topics: z.array(ScoreSchema),
    stance: z.record(z.string(), StanceSchema),
    evidence: z.array(EvidenceSchema).optional(),
  })
  .openapi('Classification');

export const BatchResponseSchema = z
  .object({ modelVersion: z.string(), results: z.array(ClassificationSchema.omit({ modelVersion: true }).extend({ id: z.string() })) })
  .openapi('BatchClassification');

export const NewArticleSchema = z
  .object({
    ...textFields,
    raw: z.string().optional().openapi({ description: 'A raw scraped page: Mizan finds title, source, date and body itself.' }),
    externalId: z.string().optional(),
    source: z.string().optional(),
    url: z.string().optional(),
    publishedAt: z.string().optional().openapi({ description: 'ISO date, numeric or with Arabic month names.' }),
  })
  .strict()
  .refine((v) => hasText(v) || (v.raw ?? '').trim() !== '', { message: 'give "text", "title"/"body" or "raw"', path: ['text'] });

export function articlesRequestSchema(limit: number) {
  return z
    .object({ articles: z.array(NewArticleSchema).min(1).max(limit) })
    .strict()
    .openapi('QueueArticlesRequest');
}

export const ArticlesResponseSchema = z
  .object({
    imported: z.number(),
    duplicates: z.number(),
    ids: z.array(z.string()).openapi({ description: 'Article id for each input, in order (existing id for duplicates).' }),
  })
  .openapi('QueueArticlesResponse');

export const HealthSchema = z.object({ status: z.literal('ok') }).openapi('Health');
export const ReadySchema = z
  .object({ status: z.enum(['ready', 'not_ready']), model: z.boolean(), database: z.boolean(), message: z.string().optional() })
  .openapi('Ready');
export const ModelInfoSchema = z
  .object({
    version: z.string(),
    createdAt: z.string(),
    backend: z.string(),
    codebook: z.object({ version: z.number(), topics: z.array(z.string()), targets: z.record(z.string(), z.array(z.string())) }),
    metrics: z.record(z.string(), z.unknown()),
  })
  .openapi('ModelInfo');
