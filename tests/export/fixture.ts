// A small labeled database for export tests: the seed codebook, three articles, labels by three
// annotators and one reviewer, with Arabic, quotes, commas, newlines and formula-looking notes.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { parseCodebook } from '../../src/codebook/parse.js';
import { saveCodebook } from '../../src/codebook/store.js';
import type { Database } from '../../src/db/open.js';
import { exportLabels } from '../../src/export/export-labels.js';
import type { ExportOptions, ExportSummary } from '../../src/export/export-labels.js';
import { writeLabels } from '../../src/labels/bulk.js';
import type { LabelInput } from '../../src/labels/bulk.js';

export const SEED_CODEBOOK = new URL('../../seeds/codebook.yaml', import.meta.url).pathname;

export async function seedCodebook(db: Database): Promise<number> {
  const yaml = readFileSync(SEED_CODEBOOK, 'utf8');
  return saveCodebook(db.prisma, parseCodebook(yaml, SEED_CODEBOOK), yaml);
}

export interface FixtureArticle {
  id: string;
  externalId: string | null;
  source: string | null;
  title: string;
  body: string;
  publishedAt: Date | null;
  url?: string | null;
}

export const ARTICLES: FixtureArticle[] = [
  {
    id: 'a0000000000000001',
    externalId: 'ext-1',
    source: 'بوابة الوسط',
    title: 'تفكيك خلية إرهابية في الجزائر',
    body: 'أعلنت وزارة الدفاع، اليوم، عن "تفكيك" خلية.\nسطر ثانٍ',
    publishedAt: new Date('2024-03-01T10:00:00Z'),
    url: 'https://example.org/1',
  },
  {
    id: 'a0000000000000002',
    externalId: '=cmd|calc',
    source: 'هسبريس',
    title: 'المغرب والجزائر: قمة، ثم "خلاف"',
    body: 'نص المقال 🇲🇦 مع رموز',
    publishedAt: null,
  },
  {
    id: 'a0000000000000003',
    externalId: null,
    source: null,
    title: 'Libya, Sahel',
    body: '-5 degrees, +3 @home',
    publishedAt: new Date('2023-12-31T23:59:59.123Z'),
  },
];

export async function seedArticles(db: Database, articles: readonly FixtureArticle[] = ARTICLES): Promise<void> {
  await db.prisma.article.createMany({
    data: articles.map((a) => ({ ...a, url: a.url ?? null, rawText: a.body, contentHash: `hash-${a.id}` })),
  });
}

export const LABELS: LabelInput[] = [
  {
    articleId: 'a0000000000000001',
    annotator: 'salma',
    topics: ['counter_terrorism', 'intelligence_cooperation'],
    stance: { algeria: 'favor' },
    note: 'قال: "نعم"، ثم\nذهب',
    confirmedAt: new Date('2024-04-01T08:00:00Z'),
  },
  {
    articleId: 'a0000000000000001',
    annotator: 'youssef',
    topics: ['counter_terrorism'],
    stance: { algeria: 'favor', morocco: 'neutral' },
    note: '=HYPERLINK("http://evil")',
    confirmedAt: new Date('2024-04-02T08:00:00Z'),
  },
  {
    articleId: 'a0000000000000001',
    annotator: 'karim',
    topics: ['counter_terrorism'],
    stance: { algeria: 'against' },
    note: null,
    confirmedAt: new Date('2024-04-03T08:00:00Z'),
  },
  {
    articleId: 'a0000000000000002',
    annotator: 'salma',
    topics: ['algeria_morocco', 'diplomacy'],
    stance: { morocco: 'against', dz_ma_cooperation: 'against' },
    note: "'=already quoted",
    confirmedAt: new Date('2024-04-01T09:00:00Z'),
  },
  {
    articleId: 'a0000000000000002',
    annotator: 'youssef',
    topics: ['algeria_morocco'],
    stance: { morocco: 'favor' },
    note: '+1 @team -2',
    confirmedAt: new Date('2024-04-02T09:00:00Z'),
  },
  {
    articleId: 'a0000000000000002',
    annotator: 'reviewer',
    kind: 'adjudication',
    topics: ['algeria_morocco'],
    stance: { morocco: 'favor' },
    note: null,
    confirmedAt: new Date('2024-04-05T09:00:00Z'),
  },
  { articleId: 'a0000000000000003', annotator: 'salma', skipped: true, note: 'غير واضح', confirmedAt: null },
  { articleId: 'a0000000000000003', annotator: 'karim', topics: [], stance: {}, note: null, confirmedAt: new Date('2024-04-03T10:00:00Z') },
];

export async function seedLabels(db: Database, version: number, labels: readonly LabelInput[] = LABELS): Promise<void> {
  await db.prisma.$transaction((tx) => writeLabels(tx, labels, { version }));
}

export async function seedAll(db: Database): Promise<number> {
  const version = await seedCodebook(db);
  await seedArticles(db);
  await seedLabels(db, version);
  return version;
}

export const DEFAULTS: ExportOptions = {
  format: 'csv',
  layout: 'wide',
  resolved: false,
  excel: false,
  includeText: false,
  raw: false,
};

/** Runs an export into memory; returns the text and the summary. */
export async function exportToString(db: Database, opts: Partial<ExportOptions> = {}): Promise<{ text: string; summary: ExportSummary }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const summary = await exportLabels(db.prisma, out, { ...DEFAULTS, ...opts });
  out.end();
  return { text: Buffer.concat(chunks).toString('utf8'), summary };
}

/** Every label in the database in a comparable form (sorted; times as ISO strings). */
export async function labelSnapshot(db: Database): Promise<unknown[]> {
  const labels = await db.prisma.label.findMany({ include: { annotator: true, topics: true, stances: true } });
  return labels
    .map((l) => ({
      articleId: l.articleId,
      annotator: l.annotator.name,
      kind: l.kind,
      version: l.version,
      topics: l.topics.map((t) => t.topicKey).sort(),
      topicsLabeled: l.topicsLabeled,
      stance: Object.fromEntries(l.stances.map((s) => [s.targetKey, s.valueKey]).sort(([a], [b]) => (a! < b! ? -1 : 1))),
      note: l.note,
      skipped: l.skipped,
      confirmedAt: l.confirmedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => `${a.articleId}/${a.annotator}/${a.kind}`.localeCompare(`${b.articleId}/${b.annotator}/${b.kind}`));
}

export async function articleSnapshot(db: Database): Promise<unknown[]> {
  const articles = await db.prisma.article.findMany({ orderBy: { id: 'asc' } });
  return articles.map((a) => ({
    id: a.id,
    externalId: a.externalId,
    source: a.source,
    title: a.title,
    body: a.body,
    url: a.url,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    contentHash: a.contentHash,
  }));
}
