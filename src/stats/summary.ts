import type { PrismaClient } from '../db/generated/client.js';

export interface CorpusSummary {
  articles: number;
  bySource: { source: string; articles: number }[];
  labeled: number;
  skipped: number;
  annotators: { name: string; labels: number; skipped: number }[];
  topics: { key: string; labels: number }[];
  stance: { target: string; value: string; labels: number }[];
  codebookVersion: number | null;
  /** Near-copy groups (src/ingest/write/near-dup-groups.ts): how many, and the articles in them. */
  nearDup: { groups: number; articles: number; largest: number };
}

/** Counts for `mizan stats`: computed in SQL, so they stay cheap on large corpora. */
export async function summarize(prisma: PrismaClient): Promise<CorpusSummary> {
  const confirmed = { confirmedAt: { not: null }, kind: 'annotation' } as const;
  const [articles, bySource, labeledRows, skipped, annotators, perAnnotator, perAnnotatorSkipped, topics, stance, codebook] = await Promise.all([
    prisma.article.count(),
    prisma.article.groupBy({ by: ['source'], _count: { _all: true }, orderBy: { _count: { id: 'desc' } } }),
    prisma.label.groupBy({ by: ['articleId'], where: { ...confirmed, skipped: false } }),
    prisma.label.count({ where: { kind: 'annotation', skipped: true } }),
    prisma.annotator.findMany({ orderBy: { name: 'asc' } }),
    prisma.label.groupBy({ by: ['annotatorId'], where: { ...confirmed, skipped: false }, _count: { _all: true } }),
    prisma.label.groupBy({ by: ['annotatorId'], where: { kind: 'annotation', skipped: true }, _count: { _all: true } }),
    prisma.labelTopic.groupBy({ by: ['topicKey'], _count: { _all: true }, orderBy: { topicKey: 'asc' } }),
    prisma.labelStance.groupBy({ by: ['targetKey', 'valueKey'], _count: { _all: true }, orderBy: [{ targetKey: 'asc' }, { valueKey: 'asc' }] }),
    prisma.codebookVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } }),
  ]);
  const groups = await prisma.article.groupBy({ by: ['nearDupGroup'], where: { nearDupGroup: { not: null } }, _count: { _all: true } });
  const count = (rows: { annotatorId: number; _count: { _all: number } }[], id: number) => rows.find((r) => r.annotatorId === id)?._count._all ?? 0;
  return {
    articles,
    bySource: bySource.map((r) => ({ source: r.source ?? '(unknown)', articles: r._count._all })),
    labeled: labeledRows.length,
    skipped,
    annotators: annotators.map((a) => ({ name: a.name, labels: count(perAnnotator, a.id), skipped: count(perAnnotatorSkipped, a.id) })),
    topics: topics.map((t) => ({ key: t.topicKey, labels: t._count._all })),
    stance: stance.map((s) => ({ target: s.targetKey, value: s.valueKey, labels: s._count._all })),
    codebookVersion: codebook?.version ?? null,
    nearDup: {
      groups: groups.length,
      articles: groups.reduce((n, g) => n + g._count._all, 0),
      largest: groups.reduce((n, g) => Math.max(n, g._count._all), 0),
    },
  };
}

export function formatSummary(s: CorpusSummary): string {
  const lines = [
    `articles: ${s.articles} (labeled by at least one annotator: ${s.labeled}, skipped labels: ${s.skipped})`,
    `codebook version: ${s.codebookVersion ?? 'none'}`,
    `near-copy groups: ${s.nearDup.groups} (${s.nearDup.articles} articles; largest ${s.nearDup.largest})`,
  ];
  const table = (title: string, rows: [string, number | string][]) => {
    if (rows.length === 0) return;
    lines.push('', title);
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  };
  table(
    'sources',
    s.bySource.map((r) => [r.source, r.articles]),
  );
  table(
    'annotators (labels, skipped)',
    s.annotators.map((a) => [a.name, `${a.labels}, ${a.skipped}`]),
  );
  table(
    'topics',
    s.topics.map((t) => [t.key, t.labels]),
  );
  table(
    'stance',
    s.stance.map((r) => [`${r.target} = ${r.value}`, r.labels]),
  );
  return lines.join('\n');
}
