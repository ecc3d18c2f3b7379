// Label writes for imports (labeled corpora, Mizan's own exports): many labels in the caller's
// transaction, each change recorded as a LabelEvent with action "import" so the history stays whole.
//
// Labels go in chunks with a handful of set-based queries per chunk (read the existing labels,
// create the missing ones with their final values, insert topics, stances and events in bulk):
// a query per label made a 100,000-row import take minutes. The bulk inserts are raw SQL
// (src/db/bulk-insert.ts): Prisma's createMany spent more time building queries than SQLite writing.
import { insertRows, insertRowsReturning, selectWhereIn } from '../db/bulk-insert.js';
import type { SqlValue } from '../db/bulk-insert.js';
import type { Prisma } from '../db/generated/client.js';
import { ensureAnnotator } from './annotators.js';

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
  /**
   * Confirm at this time only if the label is not confirmed yet (ignored when confirmedAt is given):
   * a labeled corpus imported twice must not re-confirm, and so change, every label.
   */
  confirmIfUnconfirmed?: Date;
  /** The label's last change as recorded elsewhere (an export's updated_at); default: now. */
  updatedAt?: Date | null;
}

export interface WriteLabelsResult {
  created: number;
  updated: number;
  unchanged: number;
}

interface WriteOptions {
  version: number;
  session?: string;
  /** True for an article known to have no label yet (e.g. created in the caller's transaction): not looked up. */
  unlabeled?: (articleId: string) => boolean;
  /** Told what became of each input's label. */
  onOutcome?: (input: LabelInput, outcome: LabelOutcome) => void;
}

export type LabelOutcome = keyof WriteLabelsResult;

interface Current {
  id: number;
  topics: string[];
  stances: Map<string, string>;
  note: string | null;
  skipped: boolean;
  topicsLabeled: boolean;
  confirmedAt: Date | null;
}

interface Planned {
  input: LabelInput;
  annotatorId: number;
  kind: LabelKind;
}

interface Event {
  articleId: string;
  annotatorId: number;
  kind: string;
  action: string;
  session: string | null;
  field: string;
  before: string | null;
  after: string | null;
}

const LABEL_COLUMNS = ['articleId', 'annotatorId', 'kind', 'version', 'note', 'skipped', 'topicsLabeled', 'confirmedAt', 'createdAt', 'updatedAt'];
const EVENT_COLUMNS = ['articleId', 'annotatorId', 'kind', 'field', 'before', 'after', 'action', 'session', 'createdAt'];

const CHUNK = 500;

export async function writeLabels(tx: Tx, inputs: readonly LabelInput[], opts: WriteOptions): Promise<WriteLabelsResult> {
  const annotatorIds = new Map<string, number>();
  for (const input of inputs) {
    const name = input.annotator.trim();
    if (!annotatorIds.has(name)) {
      annotatorIds.set(name, (await ensureAnnotator(tx, name, input.kind === 'adjudication' ? 'reviewer' : 'annotator')).id);
    }
  }
  const result: WriteLabelsResult = { created: 0, updated: 0, unchanged: 0 };
  let chunk: Planned[] = [];
  const keys = new Set<string>();
  for (const input of inputs) {
    const planned: Planned = { input, annotatorId: annotatorIds.get(input.annotator.trim())!, kind: input.kind ?? 'annotation' };
    const key = `${input.articleId}\u0000${planned.annotatorId}\u0000${planned.kind}`;
    // A second input for the same label must see the first one's result: start a new chunk.
    if (chunk.length >= CHUNK || keys.has(key)) {
      await writeChunk(tx, chunk, opts, result);
      chunk = [];
      keys.clear();
    }
    keys.add(key);
    chunk.push(planned);
  }
  if (chunk.length > 0) await writeChunk(tx, chunk, opts, result);
  return result;
}

const labelKey = (articleId: string, annotatorId: number, kind: string) => `${articleId}\u0000${annotatorId}\u0000${kind}`;

async function readCurrent(tx: Tx, chunk: readonly Planned[], unlabeled: WriteOptions['unlabeled']): Promise<Map<string, Current>> {
  // An import mostly labels articles that have no label yet: a raw indexed lookup finds the ones
  // that have, and only those are loaded with their topics and stances.
  const ids = new Set<string>();
  for (const p of chunk) if (unlabeled?.(p.input.articleId) !== true) ids.add(p.input.articleId);
  if (ids.size === 0) return new Map();
  const labeled = await selectWhereIn<{ articleId: string }>(tx, 'Label', ['articleId'], 'articleId', [...ids]);
  if (labeled.length === 0) return new Map();
  const rows = await tx.label.findMany({
    where: {
      articleId: { in: [...new Set(labeled.map((l) => l.articleId))] },
      annotatorId: { in: [...new Set(chunk.map((p) => p.annotatorId))] },
    },
    include: { topics: true, stances: true },
  });
  return new Map(
    rows.map((l) => [
      labelKey(l.articleId, l.annotatorId, l.kind),
      {
        id: l.id,
        topics: l.topics.map((t) => t.topicKey),
        stances: new Map(l.stances.map((s) => [s.targetKey, s.valueKey])),
        note: l.note,
        skipped: l.skipped,
        topicsLabeled: l.topicsLabeled,
        confirmedAt: l.confirmedAt,
      },
    ]),
  );
}

const EMPTY: Omit<Current, 'id'> = { topics: [], stances: new Map(), note: null, skipped: false, topicsLabeled: false, confirmedAt: null };

async function writeChunk(tx: Tx, chunk: readonly Planned[], opts: WriteOptions, result: WriteLabelsResult): Promise<void> {
  const current = await readCurrent(tx, chunk, opts.unlabeled);
  const events: Event[] = [];
  const topicRows: { labelId: number; topicKey: string }[] = [];
  const stanceRows: { labelId: number; targetKey: string; valueKey: string }[] = [];
  const fresh: { planned: Planned; diff: Diff }[] = [];

  for (const planned of chunk) {
    const existing = current.get(labelKey(planned.input.articleId, planned.annotatorId, planned.kind));
    const diff = diffLabel(existing ?? { id: -1, ...EMPTY }, planned.input);
    const eventBase = {
      articleId: planned.input.articleId,
      annotatorId: planned.annotatorId,
      kind: planned.kind,
      action: 'import',
      session: opts.session ?? null,
    };
    for (const e of diff.events) events.push({ ...eventBase, ...e });
    if (existing === undefined) {
      fresh.push({ planned, diff });
      continue;
    }
    const changed = diff.events.length > 0 || diff.scalar.topicsLabeled === true;
    result[changed ? 'updated' : 'unchanged']++;
    opts.onOutcome?.(planned.input, changed ? 'updated' : 'unchanged');
    if (diff.removedTopics.length > 0) {
      await tx.labelTopic.deleteMany({ where: { labelId: existing.id, topicKey: { in: diff.removedTopics } } });
    }
    for (const topicKey of diff.addedTopics) topicRows.push({ labelId: existing.id, topicKey });
    for (const [targetKey, valueKey] of diff.stances) {
      if (existing.stances.has(targetKey))
        await tx.labelStance.update({ where: { labelId_targetKey: { labelId: existing.id, targetKey } }, data: { valueKey } });
      else stanceRows.push({ labelId: existing.id, targetKey, valueKey });
    }
    if (changed)
      await tx.label.update({
        where: { id: existing.id },
        data: { ...diff.scalar, ...(planned.input.updatedAt == null ? {} : { updatedAt: planned.input.updatedAt }) },
      });
  }

  // `createdAt` (`@default(now())`) and `updatedAt` (`@updatedAt`) are set by Prisma's client, not
  // the database: the raw inserts set them as it would.
  const now = new Date();
  if (fresh.length > 0) {
    const created = await insertRowsReturning<{ id: number | bigint; articleId: string; annotatorId: number | bigint; kind: string }>(
      tx,
      'Label',
      LABEL_COLUMNS,
      fresh.map(({ planned, diff }): SqlValue[] => [
        planned.input.articleId,
        planned.annotatorId,
        planned.kind,
        opts.version,
        diff.scalar.note ?? null,
        diff.scalar.skipped ?? false,
        diff.scalar.topicsLabeled ?? false,
        diff.scalar.confirmedAt ?? null,
        now,
        planned.input.updatedAt ?? now,
      ]),
      ['id', 'articleId', 'annotatorId', 'kind'],
    );
    const ids = new Map(created.map((l) => [labelKey(l.articleId, Number(l.annotatorId), l.kind), Number(l.id)]));
    for (const { planned, diff } of fresh) {
      const labelId = ids.get(labelKey(planned.input.articleId, planned.annotatorId, planned.kind))!;
      for (const topicKey of diff.addedTopics) topicRows.push({ labelId, topicKey });
      for (const [targetKey, valueKey] of diff.stances) stanceRows.push({ labelId, targetKey, valueKey });
    }
    result.created += fresh.length;
    for (const { planned } of fresh) opts.onOutcome?.(planned.input, 'created');
  }
  if (topicRows.length > 0)
    await insertRows(
      tx,
      'LabelTopic',
      ['labelId', 'topicKey'],
      topicRows.map((r) => [r.labelId, r.topicKey]),
    );
  if (stanceRows.length > 0) {
    await insertRows(
      tx,
      'LabelStance',
      ['labelId', 'targetKey', 'valueKey'],
      stanceRows.map((r) => [r.labelId, r.targetKey, r.valueKey]),
    );
  }
  if (events.length > 0) {
    await insertRows(
      tx,
      'LabelEvent',
      EVENT_COLUMNS,
      events.map((e) => [e.articleId, e.annotatorId, e.kind, e.field, e.before, e.after, e.action, e.session, now]),
    );
  }
}

interface Diff {
  addedTopics: string[];
  removedTopics: string[];
  /** Stances whose value changes (target → new value). */
  stances: [string, string][];
  scalar: { note?: string | null; skipped?: boolean; confirmedAt?: Date | null; topicsLabeled?: boolean };
  events: { field: string; before: string | null; after: string | null }[];
}

function diffLabel(label: Current, input: LabelInput): Diff {
  const diff: Diff = { addedTopics: [], removedTopics: [], stances: [], scalar: {}, events: [] };
  if (input.topics !== undefined) {
    const before = new Set(label.topics);
    const after = new Set(input.topics);
    diff.removedTopics = [...before].filter((k) => !after.has(k));
    diff.addedTopics = [...after].filter((k) => !before.has(k));
    for (const k of diff.removedTopics) diff.events.push({ field: `topic:${k}`, before: 'on', after: null });
    for (const k of diff.addedTopics) diff.events.push({ field: `topic:${k}`, before: null, after: 'on' });
    if (!label.topicsLabeled) diff.scalar.topicsLabeled = true;
  }
  for (const [targetKey, valueKey] of Object.entries(input.stance ?? {})) {
    const before = label.stances.get(targetKey) ?? null;
    if (before === valueKey) continue;
    diff.stances.push([targetKey, valueKey]);
    diff.events.push({ field: `stance:${targetKey}`, before, after: valueKey });
  }
  if (input.note !== undefined && input.note !== label.note) {
    diff.scalar.note = input.note;
    diff.events.push({ field: 'note', before: label.note, after: input.note });
  }
  if (input.skipped !== undefined && input.skipped !== label.skipped) {
    diff.scalar.skipped = input.skipped;
    diff.events.push({ field: 'skipped', before: String(label.skipped), after: String(input.skipped) });
  }
  const confirmedAt = input.confirmedAt !== undefined ? input.confirmedAt : label.confirmedAt === null ? input.confirmIfUnconfirmed : undefined;
  if (confirmedAt !== undefined && confirmedAt?.getTime() !== label.confirmedAt?.getTime()) {
    diff.scalar.confirmedAt = confirmedAt;
    diff.events.push({ field: 'confirmed', before: label.confirmedAt?.toISOString() ?? null, after: confirmedAt?.toISOString() ?? null });
  }
  return diff;
}
