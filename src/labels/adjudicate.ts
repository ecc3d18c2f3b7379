// Disagreements and their adjudication. Articles whose confirmed annotations differ on some field
// (the topic set, or a stance target's value) are listed with each annotator's choice; a reviewer
// records the final value as a Label of kind "adjudication", which resolveArticle (training,
// `export --resolved`) prefers over majority and latest. Every adjudication appends LabelEvents, so
// the history shows who settled what, when, and what it was before.
import type { Prisma, PrismaClient } from '../db/generated/client.js';
import { writeTransaction } from '../db/write-transaction.js';
import { loadCodebook } from '../codebook/store.js';
import { AdjudicationError } from './adjudicate-errors.js';

type Tx = Prisma.TransactionClient;

export interface Choice {
  /** Topic keys, sorted; null when the label did not judge topics. */
  topics: string[] | null;
  /** Target key → value key. */
  stance: Record<string, string>;
}

export interface AnnotatorChoice extends Choice {
  annotator: string;
  annotatorId: number;
  updatedAt: Date;
}

export interface Disagreement {
  articleId: string;
  title: string;
  /** Each annotator's confirmed, non-skipped annotation, by annotator name. */
  choices: AnnotatorChoice[];
  /** Where they differ: "topics" and/or "stance:<target>". */
  fields: string[];
  /** The latest reviewer's adjudication, if the article was settled already. */
  adjudication: (Choice & { reviewer: string; updatedAt: Date }) | null;
}

export interface ListDisagreementsOptions {
  /** Keyset cursor: articles after this id. */
  after?: string | null;
  /** At most this many (default 50). */
  limit?: number;
  /** Also list articles a reviewer has already adjudicated (default: only open ones). */
  includeSettled?: boolean;
}

const COUNTED = { kind: 'annotation', confirmedAt: { not: null }, skipped: false } as const;
const PAGE = 200;

const LABEL_SELECT = {
  annotatorId: true,
  kind: true,
  topicsLabeled: true,
  updatedAt: true,
  annotator: { select: { name: true } },
  topics: { select: { topicKey: true } },
  stances: { select: { targetKey: true, valueKey: true } },
} as const;

type LabelRow = {
  annotatorId: number;
  kind: string;
  topicsLabeled: boolean;
  updatedAt: Date;
  annotator: { name: string };
  topics: { topicKey: string }[];
  stances: { targetKey: string; valueKey: string }[];
};

const toChoice = (l: LabelRow): Choice => ({
  topics: l.topicsLabeled ? l.topics.map((t) => t.topicKey).sort() : null,
  stance: Object.fromEntries(l.stances.map((s): [string, string] => [s.targetKey, s.valueKey]).sort(([a], [b]) => (a < b ? -1 : 1))),
});

/**
 * The fields on which these choices differ. A label that did not judge a field (topics null, no
 * value for a target) does not disagree with anyone on it.
 */
export function disagreementFields(choices: readonly Choice[]): string[] {
  const fields: string[] = [];
  const topicSets = new Set(choices.flatMap((c) => (c.topics === null ? [] : [c.topics.join('|')])));
  if (topicSets.size > 1) fields.push('topics');
  const targets = [...new Set(choices.flatMap((c) => Object.keys(c.stance)))].sort();
  for (const target of targets) {
    const values = new Set(choices.flatMap((c) => (c.stance[target] === undefined ? [] : [c.stance[target]])));
    if (values.size > 1) fields.push(`stance:${target}`);
  }
  return fields;
}

/**
 * One article's annotations as the disagreements screen shows them: each annotator's choice, where
 * they differ (possibly nowhere) and the current adjudication. Null when the article does not exist.
 */
export async function loadDisagreement(prisma: PrismaClient, articleId: string): Promise<Disagreement | null> {
  const article: { id: string; title: string; labels: LabelRow[] } | null = await prisma.article.findUnique({
    where: { id: articleId },
    select: {
      id: true,
      title: true,
      labels: { where: { confirmedAt: { not: null }, skipped: false }, orderBy: [{ annotatorId: 'asc' }], select: LABEL_SELECT },
    },
  });
  return article === null ? null : toDisagreement(article);
}

function toDisagreement(article: { id: string; title: string; labels: LabelRow[] }): Disagreement {
  const choices = article.labels
    .filter((l) => l.kind === 'annotation')
    .map((l) => ({ annotator: l.annotator.name, annotatorId: l.annotatorId, updatedAt: l.updatedAt, ...toChoice(l) }));
  const latest = article.labels.filter((l) => l.kind === 'adjudication').sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  return {
    articleId: article.id,
    title: article.title,
    choices,
    fields: choices.length < 2 ? [] : disagreementFields(choices),
    adjudication: latest === undefined ? null : { reviewer: latest.annotator.name, updatedAt: latest.updatedAt, ...toChoice(latest) },
  };
}

/** Articles (in id order, after the cursor) whose confirmed annotations disagree. */
export async function listDisagreements(prisma: PrismaClient, opts: ListDisagreementsOptions = {}): Promise<Disagreement[]> {
  const limit = opts.limit ?? 50;
  const out: Disagreement[] = [];
  let cursor = opts.after ?? null;
  while (out.length < limit) {
    const page: { id: string; title: string; labels: LabelRow[] }[] = await prisma.article.findMany({
      where: {
        labels: { some: COUNTED },
        ...(cursor === null ? {} : { id: { gt: cursor } }),
        ...(opts.includeSettled === true ? {} : { NOT: { labels: { some: { kind: 'adjudication', confirmedAt: { not: null } } } } }),
      },
      orderBy: { id: 'asc' },
      take: PAGE,
      select: {
        id: true,
        title: true,
        labels: {
          where: { confirmedAt: { not: null }, skipped: false },
          orderBy: [{ annotatorId: 'asc' }],
          select: LABEL_SELECT,
        },
      },
    });
    for (const article of page) {
      const d = toDisagreement(article);
      if (d.fields.length === 0) continue;
      out.push(d);
      if (out.length === limit) break;
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  return out;
}

export interface AdjudicationInput {
  articleId: string;
  reviewerAnnotatorId: number;
  /** The final topic set (replaces the adjudication's topics). */
  topics?: readonly string[];
  /** Final values per target (merged into the adjudication's stances). */
  stance?: Readonly<Record<string, string>>;
  note?: string | null;
  /** Codebook version the values are checked against (default: the latest). */
  version?: number;
  /** Stored on every event, like a labeling session's id. */
  session?: string;
  now?: Date;
}

export interface AdjudicationResult {
  labelId: number;
  created: boolean;
  /** Events appended (always at least the confirmation). */
  events: number;
}

/**
 * Records a reviewer's final values for an article as a confirmed Label of kind "adjudication",
 * appending one LabelEvent per changed field plus the confirmation. Values are checked against the
 * codebook first; nothing is written when one is unknown.
 */
export async function adjudicate(prisma: PrismaClient, input: AdjudicationInput): Promise<AdjudicationResult> {
  const { articleId } = input;
  if (input.topics === undefined && (input.stance === undefined || Object.keys(input.stance).length === 0)) {
    throw new AdjudicationError(articleId, null, 'nothing to record: give the final topics or a stance value');
  }
  const codebook = await loadCodebook(prisma, input.version);
  const topicKeys = new Set(codebook.topics.map((t) => t.key));
  const targetKeys = new Set(codebook.targets.map((t) => t.key));
  const valueKeys = new Set(codebook.values.map((v) => v.key));
  for (const key of input.topics ?? []) {
    if (!topicKeys.has(key)) throw new AdjudicationError(articleId, `topic:${key}`, `no such topic in codebook version ${codebook.version}`);
  }
  for (const [target, value] of Object.entries(input.stance ?? {})) {
    if (!targetKeys.has(target)) throw new AdjudicationError(articleId, `stance:${target}`, `no such stance target in codebook version ${codebook.version}`);
    if (!valueKeys.has(value)) throw new AdjudicationError(articleId, `stance:${target}`, `no stance value "${value}" in codebook version ${codebook.version}`);
  }
  const now = input.now ?? new Date();
  return writeTransaction(prisma, async (tx) => {
    if ((await tx.article.findUnique({ where: { id: articleId }, select: { id: true } })) === null) {
      throw new AdjudicationError(articleId, null, 'no such article');
    }
    return writeAdjudication(tx, input, codebook.version, now);
  });
}

async function writeAdjudication(tx: Tx, input: AdjudicationInput, version: number, now: Date): Promise<AdjudicationResult> {
  const { articleId, reviewerAnnotatorId: annotatorId } = input;
  const kind = 'adjudication';
  const existing = await tx.label.findUnique({
    where: { articleId_annotatorId_kind: { articleId, annotatorId, kind } },
    include: { topics: true, stances: true },
  });
  const label = existing ?? (await tx.label.create({ data: { articleId, annotatorId, kind, version }, include: { topics: true, stances: true } }));
  const events: { field: string; before: string | null; after: string | null }[] = [];

  if (input.topics !== undefined) {
    const before = new Set(label.topics.map((t) => t.topicKey));
    const after = new Set(input.topics);
    const removed = [...before].filter((k) => !after.has(k)).sort();
    const added = [...after].filter((k) => !before.has(k)).sort();
    if (removed.length > 0) await tx.labelTopic.deleteMany({ where: { labelId: label.id, topicKey: { in: removed } } });
    if (added.length > 0) await tx.labelTopic.createMany({ data: added.map((topicKey) => ({ labelId: label.id, topicKey })) });
    for (const k of removed) events.push({ field: `topic:${k}`, before: 'on', after: null });
    for (const k of added) events.push({ field: `topic:${k}`, before: null, after: 'on' });
  }
  for (const [targetKey, valueKey] of Object.entries(input.stance ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const before = label.stances.find((s) => s.targetKey === targetKey)?.valueKey ?? null;
    if (before === valueKey) continue;
    await tx.labelStance.upsert({
      where: { labelId_targetKey: { labelId: label.id, targetKey } },
      create: { labelId: label.id, targetKey, valueKey },
      update: { valueKey },
    });
    events.push({ field: `stance:${targetKey}`, before, after: valueKey });
  }
  const data: Prisma.LabelUpdateInput = { updatedAt: now, confirmedAt: now, skipped: false };
  if (input.topics !== undefined) data.topicsLabeled = true;
  if (input.note !== undefined && input.note !== label.note) {
    data.note = input.note;
    events.push({ field: 'note', before: label.note, after: input.note });
  }
  // Each adjudication is confirmed anew, so even one that changes no value is in the history.
  events.push({ field: 'confirmed', before: label.confirmedAt?.toISOString() ?? null, after: now.toISOString() });
  await tx.label.update({ where: { id: label.id }, data });
  await tx.labelEvent.createMany({
    data: events.map((e) => ({
      articleId,
      annotatorId,
      kind,
      field: e.field,
      before: e.before,
      after: e.after,
      action: 'set',
      session: input.session ?? null,
      createdAt: now,
    })),
  });
  return { labelId: label.id, created: existing === null, events: events.length };
}
