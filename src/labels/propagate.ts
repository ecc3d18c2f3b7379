// Near-copies and label propagation: an analyst who confirmed a label on one article of a near-copy
// group (Article.nearDupGroup, filled at import) can apply it to the group's copies they have not
// labeled. Each copy gets a label of its own, written field by field through the labeling screen's
// edit path (src/labels/edit.ts): one LabelEvent per field, annotator = the analyst, so audit sees
// every label and undoLast takes them back one event at a time, newest first.
import type { PrismaClient } from '../db/generated/client.js';
import { MizanError } from '../errors.js';
import { applyChangesInTx, loadLabel, stanceField, topicField } from './edit.js';
import type { AppliedEvent, EditorRef, FieldChange } from './edit.js';

type Db = PrismaClient;

export class PropagateError extends MizanError {
  override readonly name = 'PropagateError' as const;
  readonly code = 'propagate_unconfirmed';
  constructor(readonly articleId: string) {
    super(`article ${articleId}: confirm its label before applying it to its near-copies`);
  }
}

export interface NearCopies {
  /** The group's name, null when the article has no near-copies. */
  group: string | null;
  /** The other articles of its group. */
  copies: number;
  /** Of those, the ones the editor has neither confirmed nor skipped (what propagation would label). */
  unlabeled: number;
}

/** For the labeling screen's "N near-copies": the article's group and how many copies it has. */
export async function nearCopies(db: Db, ref: Pick<EditorRef, 'annotatorId' | 'kind'>, articleId: string): Promise<NearCopies> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { nearDupGroup: true } });
  const group = article?.nearDupGroup ?? null;
  if (group === null) return { group: null, copies: 0, unlabeled: 0 };
  const [copies, unlabeled] = await Promise.all([
    db.article.count({ where: { nearDupGroup: group, id: { not: articleId } } }),
    db.article.count({ where: unlabeledCopies(ref, group, articleId) }),
  ]);
  return { group, copies, unlabeled };
}

function unlabeledCopies(ref: Pick<EditorRef, 'annotatorId' | 'kind'>, group: string, articleId: string) {
  return {
    nearDupGroup: group,
    id: { not: articleId },
    labels: { none: { annotatorId: ref.annotatorId, kind: ref.kind, OR: [{ confirmedAt: { not: null } }, { skipped: true }] } },
  };
}

export interface Propagated {
  /** The copies that received the label. */
  articles: string[];
  /** Every field event written, in order (undoLast reverts them from the last). */
  events: AppliedEvent[];
}

/**
 * Applies the editor's confirmed label on `articleId` (topics, stances, confirmation) to every
 * near-copy in its group that the editor has not confirmed or skipped, in one transaction.
 */
export async function propagateLabel(db: Db, ref: EditorRef, articleId: string, now: Date = new Date()): Promise<Propagated> {
  const label = await loadLabel(db, ref, articleId);
  if (label.confirmedAt === null || label.skipped) throw new PropagateError(articleId);
  const article = await db.article.findUnique({ where: { id: articleId }, select: { nearDupGroup: true } });
  const group = article?.nearDupGroup ?? null;
  if (group === null) return { articles: [], events: [] };
  return db.$transaction(async (tx) => {
    const copies = await tx.article.findMany({ where: unlabeledCopies(ref, group, articleId), select: { id: true }, orderBy: { id: 'asc' } });
    const events: AppliedEvent[] = [];
    for (const { id } of copies) {
      const current = await loadLabel(tx, ref, id);
      const changes: FieldChange[] = [
        // A draft on the copy gives way to the confirmed label: its other topics and stances go.
        ...current.topics.filter((t) => !label.topics.includes(t)).map((t) => ({ field: topicField(t), after: null })),
        ...Object.keys(current.stance)
          .filter((t) => label.stance[t] === undefined)
          .map((t) => ({ field: stanceField(t), after: null })),
        ...label.topics.map((t) => ({ field: topicField(t), after: 'on' })),
        ...Object.entries(label.stance).map(([t, v]) => ({ field: stanceField(t), after: v })),
        { field: 'confirmed', after: now.toISOString() },
      ];
      events.push(...(await applyChangesInTx(tx, ref, id, changes)));
    }
    return { articles: copies.map((c) => c.id), events };
  });
}
