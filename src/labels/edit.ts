// Single-label edits for the labeling screen: every keypress that changes a label is one small
// transaction that updates Label / LabelTopic / LabelStance and appends one LabelEvent, so a crash
// right after the frame that showed "saved" loses nothing. Undo is an event too (action "undo",
// undoOf the reverted event): the history stays append-only and audit sees every step.
import type { Prisma, PrismaClient } from '../db/generated/client.js';
import type { LabelKind } from './bulk.js';
import { LabelFieldError } from './edit-errors.js';

type Tx = Prisma.TransactionClient;
type Db = PrismaClient;

/** Who writes: an annotator, the kind of label, the codebook version new labels are made under. */
export interface EditorRef {
  annotatorId: number;
  kind: LabelKind;
  version: number;
  /** Session id stored on every event (one run of the labeling screen). */
  session: string;
}

/** One annotator's label on one article, as the screen shows it. */
export interface LabelValue {
  topics: string[];
  /** Target key → value key. */
  stance: Record<string, string>;
  note: string | null;
  skipped: boolean;
  /** ISO time of the confirmation, null while a draft. */
  confirmedAt: string | null;
}

export const EMPTY_LABEL: LabelValue = Object.freeze({ topics: [], stance: {}, note: null, skipped: false, confirmedAt: null });

/**
 * A change to one field, in the event encoding (see LabelEvent in the schema):
 * `topic:<key>` on|null, `stance:<target>` value|null, `note` text|null, `skipped` "true"|"false",
 * `confirmed` ISO time|null.
 */
export interface FieldChange {
  field: string;
  after: string | null;
}

export interface AppliedEvent {
  eventId: number;
  articleId: string;
  field: string;
  before: string | null;
  after: string | null;
  action: 'set' | 'undo';
  undoOf: number | null;
  /** The label after the change. */
  label: LabelValue;
}

export const topicField = (key: string): string => `topic:${key}`;
export const stanceField = (target: string): string => `stance:${target}`;

type LabelRow = {
  id: number;
  note: string | null;
  skipped: boolean;
  confirmedAt: Date | null;
  topicsLabeled: boolean;
  topics: { topicKey: string }[];
  stances: { targetKey: string; valueKey: string }[];
};

function toValue(row: LabelRow | null): LabelValue {
  if (row === null) return { ...EMPTY_LABEL, topics: [], stance: {} };
  return {
    topics: row.topics.map((t) => t.topicKey).sort(),
    stance: Object.fromEntries(row.stances.map((s) => [s.targetKey, s.valueKey])),
    note: row.note,
    skipped: row.skipped,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}

/** Reads a field's current value in the event encoding. */
export function fieldValue(label: LabelValue, field: string): string | null {
  if (field.startsWith('topic:')) return label.topics.includes(field.slice(6)) ? 'on' : null;
  if (field.startsWith('stance:')) return label.stance[field.slice(7)] ?? null;
  if (field === 'note') return label.note;
  if (field === 'skipped') return String(label.skipped);
  if (field === 'confirmed') return label.confirmedAt;
  throw new LabelFieldError(field);
}

/** Applies a change to a label value (pure; the reducer uses it for its optimistic copy). */
export function withField(label: LabelValue, field: string, after: string | null): LabelValue {
  if (field.startsWith('topic:')) {
    const key = field.slice(6);
    const rest = label.topics.filter((k) => k !== key);
    return { ...label, topics: after === null ? rest : [...rest, key].sort() };
  }
  if (field.startsWith('stance:')) {
    const target = field.slice(7);
    const stance = { ...label.stance };
    if (after === null) delete stance[target];
    else stance[target] = after;
    return { ...label, stance };
  }
  if (field === 'note') return { ...label, note: after };
  if (field === 'skipped') return { ...label, skipped: after === 'true' };
  if (field === 'confirmed') return { ...label, confirmedAt: after };
  throw new LabelFieldError(field);
}

const LABEL_INCLUDE = { topics: { select: { topicKey: true } }, stances: { select: { targetKey: true, valueKey: true } } } as const;

/** The editor's label on an article (empty when there is none yet). */
export async function loadLabel(db: Db | Tx, ref: Pick<EditorRef, 'annotatorId' | 'kind'>, articleId: string): Promise<LabelValue> {
  const row = await db.label.findUnique({
    where: { articleId_annotatorId_kind: { articleId, annotatorId: ref.annotatorId, kind: ref.kind } },
    include: LABEL_INCLUDE,
  });
  return toValue(row);
}

async function writeField(
  tx: Tx,
  ref: EditorRef,
  articleId: string,
  change: FieldChange,
  action: 'set' | 'undo',
  undoOf: number | null,
): Promise<AppliedEvent | null> {
  const where = { articleId_annotatorId_kind: { articleId, annotatorId: ref.annotatorId, kind: ref.kind } };
  let row: LabelRow | null = await tx.label.findUnique({ where, include: LABEL_INCLUDE });
  const current = toValue(row);
  const before = fieldValue(current, change.field);
  if (before === change.after) return null;
  row ??= await tx.label.create({
    data: { articleId, annotatorId: ref.annotatorId, kind: ref.kind, version: ref.version },
    include: LABEL_INCLUDE,
  });
  const { field, after } = change;
  // The Label row is touched on every change so updatedAt orders "latest" resolution correctly.
  const data: Prisma.LabelUpdateInput = { updatedAt: new Date() };
  if (field.startsWith('topic:')) {
    const topicKey = field.slice(6);
    if (after === null) await tx.labelTopic.delete({ where: { labelId_topicKey: { labelId: row.id, topicKey } } });
    else await tx.labelTopic.create({ data: { labelId: row.id, topicKey } });
    if (!row.topicsLabeled) data.topicsLabeled = true;
  } else if (field.startsWith('stance:')) {
    const targetKey = field.slice(7);
    if (after === null) await tx.labelStance.delete({ where: { labelId_targetKey: { labelId: row.id, targetKey } } });
    else {
      await tx.labelStance.upsert({
        where: { labelId_targetKey: { labelId: row.id, targetKey } },
        create: { labelId: row.id, targetKey, valueKey: after },
        update: { valueKey: after },
      });
    }
  } else if (field === 'note') data.note = after;
  else if (field === 'skipped') data.skipped = after === 'true';
  else if (field === 'confirmed') {
    data.confirmedAt = after === null ? null : new Date(after);
    // Confirming judges the topic field: no topics then means "none of them".
    if (after !== null && !row.topicsLabeled) data.topicsLabeled = true;
  } else throw new LabelFieldError(field);
  await tx.label.update({ where: { id: row.id }, data });
  const event = await tx.labelEvent.create({
    data: {
      articleId,
      annotatorId: ref.annotatorId,
      kind: ref.kind,
      field,
      before,
      after,
      action,
      undoOf,
      session: ref.session,
    },
    select: { id: true },
  });
  return { eventId: event.id, articleId, field, before, after, action, undoOf, label: withField(current, field, after) };
}

/**
 * Sets one field of the editor's label on `articleId` (creating the label if needed) and records
 * the event. Returns null when the field already had that value (nothing written).
 */
export async function applyChange(db: Db, ref: EditorRef, articleId: string, change: FieldChange): Promise<AppliedEvent | null> {
  validateField(change.field);
  return db.$transaction((tx) => writeField(tx, ref, articleId, change, 'set', null));
}

/**
 * Several field changes to one article inside the caller's transaction, one event each (so undoLast
 * walks back through them one by one). For engine operations that write more than one field, such
 * as label propagation (src/labels/propagate.ts).
 */
export async function applyChangesInTx(tx: Tx, ref: EditorRef, articleId: string, changes: readonly FieldChange[]): Promise<AppliedEvent[]> {
  const out: AppliedEvent[] = [];
  for (const change of changes) {
    validateField(change.field);
    const applied = await writeField(tx, ref, articleId, change, 'set', null);
    if (applied !== null) out.push(applied);
  }
  return out;
}

const UNDO_PAGE = 200;

/**
 * Reverts the editor's most recent change that is not undone yet (its own "set" events only:
 * imports and other annotators' work are not the screen's to undo). Returns null when there is
 * nothing left to undo. Successive calls walk back through the history.
 */
export async function undoLast(db: Db, ref: EditorRef): Promise<AppliedEvent | null> {
  return db.$transaction(async (tx) => {
    const target = await lastUndoable(tx, ref);
    if (target === null) return null;
    const applied = await writeField(tx, ref, target.articleId, { field: target.field, after: target.before }, 'undo', target.id);
    if (applied !== null) return applied;
    // The field already holds the old value (changed since by other means): record the undo anyway
    // so the next undo moves further back instead of finding this event again.
    const event = await tx.labelEvent.create({
      data: {
        articleId: target.articleId,
        annotatorId: ref.annotatorId,
        kind: ref.kind,
        field: target.field,
        before: target.before,
        after: target.before,
        action: 'undo',
        undoOf: target.id,
        session: ref.session,
      },
      select: { id: true },
    });
    return {
      eventId: event.id,
      articleId: target.articleId,
      field: target.field,
      before: target.before,
      after: target.before,
      action: 'undo',
      undoOf: target.id,
      label: await loadLabel(tx, ref, target.articleId),
    };
  });
}

type EventRow = { id: number; articleId: string; field: string; before: string | null; action: string; undoOf: number | null };

// Undo events are always newer than the events they revert, so walking the history newest first
// sees every undo before its target.
async function lastUndoable(tx: Tx, ref: EditorRef): Promise<EventRow | null> {
  const undone = new Set<number>();
  let cursor: number | undefined;
  for (;;) {
    const page: EventRow[] = await tx.labelEvent.findMany({
      where: { annotatorId: ref.annotatorId, kind: ref.kind, action: { in: ['set', 'undo'] }, ...(cursor === undefined ? {} : { id: { lt: cursor } }) },
      orderBy: { id: 'desc' },
      take: UNDO_PAGE,
      select: { id: true, articleId: true, field: true, before: true, action: true, undoOf: true },
    });
    for (const e of page) {
      if (e.action === 'undo') {
        if (e.undoOf !== null) undone.add(e.undoOf);
      } else if (!undone.has(e.id)) return e;
    }
    if (page.length < UNDO_PAGE) return null;
    cursor = page[page.length - 1]!.id;
  }
}

const FIELD_PATTERN = /^(topic:.+|stance:.+|note|skipped|confirmed)$/;

function validateField(field: string): void {
  if (!FIELD_PATTERN.test(field)) throw new LabelFieldError(field);
}
