// `mizan stats --agreement`: agreement between annotators per field, from confirmed, non-skipped
// annotations. Fields: each topic as a binary field (yes/no, from labels that judged topics) and
// each stance target (its value key; a label without a value for the target is missing there).
// Articles are read a page at a time and fed to accumulators, so memory does not grow with the corpus.
import type { PrismaClient } from '../db/generated/client.js';
import { AlphaAccumulator, KappaAccumulator } from './agreement.js';

export interface PairAgreement {
  a: string;
  b: string;
  /** Null when undefined (both used one and the same value on every shared item). */
  kappa: number | null;
  /** Observed agreement over the items both judged. */
  agreement: number;
  items: number;
}

export interface FieldAgreement {
  /** `topic:<key>` or `stance:<target>`. */
  field: string;
  /** Krippendorff's alpha (nominal) over all annotators; null when undefined. */
  alpha: number | null;
  /** Items (articles) with at least two values for this field. */
  items: number;
  /** Pairs of annotators that share at least one item, by name. */
  pairs: PairAgreement[];
}

export interface AgreementReport {
  annotators: string[];
  /** Articles with confirmed annotations from at least two annotators. */
  articles: number;
  fields: FieldAgreement[];
}

const PAGE = 500;
const COUNTED = { kind: 'annotation', confirmedAt: { not: null }, skipped: false } as const;

type LabelRow = {
  annotatorId: number;
  topicsLabeled: boolean;
  topics: { topicKey: string }[];
  stances: { targetKey: string; valueKey: string }[];
};

interface FieldAccumulators {
  alpha: AlphaAccumulator;
  /** "idA:idB" (idA < idB) → kappa accumulator. */
  pairs: Map<string, KappaAccumulator>;
}

export async function agreementReport(prisma: PrismaClient): Promise<AgreementReport> {
  const [topicRows, targetRows, labelTopics, labelTargets, annotatorRows] = await Promise.all([
    prisma.topic.findMany({ orderBy: [{ version: 'desc' }, { position: 'asc' }], select: { key: true } }),
    prisma.stanceTarget.findMany({ orderBy: [{ version: 'desc' }, { position: 'asc' }], select: { key: true } }),
    prisma.labelTopic.groupBy({ by: ['topicKey'], orderBy: { topicKey: 'asc' } }),
    prisma.labelStance.groupBy({ by: ['targetKey'], orderBy: { targetKey: 'asc' } }),
    prisma.annotator.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(annotatorRows.map((a) => [a.id, a.name]));
  // Codebook order (newest version first), then keys only found in labels (older codebooks, imports).
  const topics = new Set([...topicRows.map((t) => t.key), ...labelTopics.map((t) => t.topicKey)]);
  const targets = new Set([...targetRows.map((t) => t.key), ...labelTargets.map((t) => t.targetKey)]);
  const fields = new Map<string, FieldAccumulators>();
  const field = (name: string): FieldAccumulators => {
    let acc = fields.get(name);
    if (acc === undefined) fields.set(name, (acc = { alpha: new AlphaAccumulator(), pairs: new Map() }));
    return acc;
  };
  const seenAnnotators = new Set<number>();
  let articles = 0;
  let cursor: string | null = null;

  for (;;) {
    const page: { id: string; labels: LabelRow[] }[] = await prisma.article.findMany({
      where: { labels: { some: COUNTED }, ...(cursor === null ? {} : { id: { gt: cursor } }) },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: {
        id: true,
        labels: {
          where: COUNTED,
          orderBy: { annotatorId: 'asc' },
          select: { annotatorId: true, topicsLabeled: true, topics: { select: { topicKey: true } }, stances: { select: { targetKey: true, valueKey: true } } },
        },
      },
    });
    for (const article of page) {
      for (const l of article.labels) seenAnnotators.add(l.annotatorId);
      if (article.labels.length < 2) continue;
      articles++;
      const judgedTopics = article.labels.filter((l) => l.topicsLabeled);
      for (const key of topics) {
        addItem(
          field(`topic:${key}`),
          judgedTopics.map((l) => [l.annotatorId, l.topics.some((t) => t.topicKey === key) ? 'yes' : 'no'] as const),
        );
      }
      for (const target of targets) {
        const values = article.labels.flatMap((l) => {
          const v = l.stances.find((s) => s.targetKey === target)?.valueKey;
          return v === undefined ? [] : [[l.annotatorId, v] as const];
        });
        addItem(field(`stance:${target}`), values);
      }
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }

  const order = [...[...topics].map((k) => `topic:${k}`), ...[...targets].map((k) => `stance:${k}`)];
  const nameOf = (id: number) => names.get(id) ?? `#${id}`;
  return {
    annotators: [...seenAnnotators].map(nameOf).sort(),
    articles,
    fields: order.flatMap((name) => {
      const acc = fields.get(name);
      // A field nobody judged twice on one article says nothing about agreement.
      if (acc === undefined || acc.alpha.items === 0) return [];
      const alpha = acc.alpha.result();
      const pairs = [...acc.pairs.entries()].map(([key, k]) => {
        const [a, b] = key.split(':').map(Number) as [number, number];
        const r = k.result();
        return { a: nameOf(a), b: nameOf(b), kappa: r.kappa, agreement: r.agreement, items: r.items };
      });
      pairs.sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
      return [{ field: name, alpha: alpha.alpha, items: alpha.items, pairs }];
    }),
  };
}

// `values` are sorted by annotator id (the query orders them), so each pair key is "low:high".
function addItem(acc: FieldAccumulators, values: readonly (readonly [number, string])[]): void {
  if (values.length < 2) return;
  acc.alpha.addItem(values.map(([, v]) => v));
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const [a, va] = values[i]!;
      const [b, vb] = values[j]!;
      const key = `${a}:${b}`;
      let k = acc.pairs.get(key);
      if (k === undefined) acc.pairs.set(key, (k = new KappaAccumulator()));
      k.add(va, vb);
    }
  }
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export function formatAgreement(r: AgreementReport): string {
  const lines = [`agreement: ${r.annotators.length} annotators, ${r.articles} articles labeled by two or more`];
  if (r.fields.length === 0) {
    lines.push('no field was judged by two annotators on the same article yet');
    return lines.join('\n');
  }
  lines.push('', "per field: Krippendorff's alpha (nominal) over all annotators; Cohen's kappa per pair");
  const width = Math.max(...r.fields.map((f) => f.field.length));
  for (const f of r.fields) {
    lines.push(`  ${f.field.padEnd(width)}  alpha ${fmt(f.alpha).padStart(6)}  items ${f.items}`);
    for (const p of f.pairs) {
      lines.push(`  ${''.padEnd(width)}    ${p.a} × ${p.b}: kappa ${fmt(p.kappa)}, agreement ${(p.agreement * 100).toFixed(1)}%, items ${p.items}`);
    }
  }
  return lines.join('\n');
}
