// Label writes for imports (labeled corpora, Mizan's own exports): many labels in the caller's
// transaction, each change recorded as a LabelEvent with action "import" so the history stays whole.
import type { Prisma } from '../db/generated/client.js';
import { ensureAnnotator } from './annotators.js';
import type { AnnotatorRef } from './annotators.js';

type Tx = Prisma.TransactionClient;

export type LabelKind = 'annotation' | 'adjudication';

export interface LabelInput {
  articleId: string;
  annotator: string;
  kind?: LabelKind;
  /** Topic keys; when given they replace the label's topics. */
  topics?: string[];
  /** Target key → value key; merged into the label's stances. */
  stance?: Record<string, string>;
  note?: string | null;
  skipped?: boolean;
  confirmedAt?: Date | null;
}

export interface WriteLabelsResult {
  created: number;
  updated: number;
  unchanged: number;
}

export async function writeLabels(
  tx: Tx,
  inputs: readonly LabelInput[],
  opts: { version: number; session?: string },
): Promise<WriteLabelsResult> {
  const annotators = new Map<string, AnnotatorRef>();
  const result: WriteLabelsResult = { created: 0, updated: 0, unchanged: 0 };
  for (const input of inputs) {
    const name = input.annotator.trim();
    let annotator = annotators.get(name);
    if (annotator === undefined) {
      annotator = await ensureAnnotator(tx, name, input.kind === 'adjudication' ? 'reviewer' : 'annotator');
      annotators.set(name, annotator);
    }
    const outcome = await writeOne(tx, input, annotator.id, opts);
    result[outcome]++;
  }
  return result;
}

type Event = { field: string; before: string | null; after: string | null };

async function writeOne(
  tx: Tx,
  input: LabelInput,
  annotatorId: number,
  opts: { version: number; session?: string },
): Promise<'created' | 'updated' | 'unchanged'> {
  const kind = input.kind ?? 'annotation';
  const existing = await tx.label.findUnique({
    where: { articleId_annotatorId_kind: { articleId: input.articleId, annotatorId, kind } },
    include: { topics: true, stances: true },
  });
  const label =
    existing ??
    (await tx.label.create({
      data: { articleId: input.articleId, annotatorId, kind, version: opts.version },
      include: { topics: true, stances: true },
    }));
  const events: Event[] = [];

  if (input.topics !== undefined) {
    const before = new Set(label.topics.map((t) => t.topicKey));
    const after = new Set(input.topics);
    const removed = [...before].filter((k) => !after.has(k));
    const added = [...after].filter((k) => !before.has(k));
    if (removed.length > 0) await tx.labelTopic.deleteMany({ where: { labelId: label.id, topicKey: { in: removed } } });
    if (added.length > 0) await tx.labelTopic.createMany({ data: added.map((topicKey) => ({ labelId: label.id, topicKey })) });
    for (const k of removed) events.push({ field: `topic:${k}`, before: 'on', after: null });
    for (const k of added) events.push({ field: `topic:${k}`, before: null, after: 'on' });
  }
  const topicsLabeled = input.topics !== undefined && !label.topicsLabeled;
  for (const [targetKey, valueKey] of Object.entries(input.stance ?? {})) {
    const before = label.stances.find((s) => s.targetKey === targetKey)?.valueKey ?? null;
    if (before === valueKey) continue;
    await tx.labelStance.upsert({
      where: { labelId_targetKey: { labelId: label.id, targetKey } },
      create: { labelId: label.id, targetKey, valueKey },
      update: { valueKey },
    });
    events.push({ field: `stance:${targetKey}`, before, after: valueKey });
  }
  const scalar: Prisma.LabelUpdateInput = {};
  if (input.note !== undefined && input.note !== label.note) {
    scalar.note = input.note;
    events.push({ field: 'note', before: label.note, after: input.note });
  }
  if (input.skipped !== undefined && input.skipped !== label.skipped) {
    scalar.skipped = input.skipped;
    events.push({ field: 'skipped', before: String(label.skipped), after: String(input.skipped) });
  }
  const confirmedAt = input.confirmedAt === undefined ? undefined : input.confirmedAt;
  if (confirmedAt !== undefined && confirmedAt?.getTime() !== label.confirmedAt?.getTime()) {
    scalar.confirmedAt = confirmedAt;
    events.push({ field: 'confirmed', before: label.confirmedAt?.toISOString() ?? null, after: confirmedAt?.toISOString() ?? null });
  }
  if (topicsLabeled) scalar.topicsLabeled = true;
  if (events.length > 0 || topicsLabeled) {
    await tx.label.update({ where: { id: label.id }, data: scalar });
    await tx.labelEvent.createMany({
      data: events.map((e) => ({
        articleId: input.articleId, annotatorId, kind, field: e.field, before: e.before, after: e.after,
        action: 'import', session: opts.session ?? null,
      })),
    });
  }
  if (existing === null) return 'created';
  return events.length > 0 || topicsLabeled ? 'updated' : 'unchanged';
}
