// One article as the screen shows it: text, this editor's label, the model's suggestion, other
// annotators' choices.
import type { PrismaClient } from '../../src/db/generated/client.js';
import { loadDisagreement } from '../../src/labels/adjudicate.js';
import { nextArticle } from '../../src/labels/queue.js';
import type { ConfidenceRanker } from '../../src/labels/queue.js';
import type { ActiveQueue } from '../../src/active/types.js';
import { nearCopies } from '../../src/labels/propagate.js';
import { loadArticle } from '../../src/labels/session.js';
import type { ArticleView, LabelSession } from '../../src/labels/session.js';
import type { Action, Suggestion } from '../state/types.js';

export type Loaded = Extract<Action, { type: 'loaded' }>;

export interface ArticleSource {
  db: PrismaClient;
  session: LabelSession;
  suggest?: ((article: ArticleView) => Promise<Suggestion | null>) | undefined;
}

/** The article with its suggestion (none when the label is confirmed, or the model fails on it). */
export async function loadForScreen(deps: ArticleSource, id: string): Promise<Loaded | null> {
  const { db, session } = deps;
  const loaded = await loadArticle(db, session.editor, id);
  if (loaded === null) return null;
  // A model that fails on one article must not keep it off the screen: it is shown without.
  const suggestion = deps.suggest === undefined || loaded.label.confirmedAt !== null ? null : await deps.suggest(loaded.article).catch(() => null);
  // A reviewer settling a disagreement sees what each annotator chose.
  const others = session.editor.kind === 'adjudication' ? ((await loadDisagreement(db, id))?.choices ?? []) : [];
  const copies = await nearCopies(db, session.editor, id);
  return {
    type: 'loaded',
    article: loaded.article,
    label: loaded.label,
    suggestion,
    via: 'queue',
    others: others.map((c) => ({ annotator: c.annotator, topics: c.topics, stance: c.stance })),
    nearCopies: { copies: copies.copies, unlabeled: copies.unlabeled },
  };
}

/**
 * The queue's first article, fetched before the screen is drawn, so that the first frame already
 * shows it (one render instead of a "loading…" frame and then the article): the action the
 * screen's initial state is stepped with, then `Runner.shown`.
 */
export async function firstArticle(
  deps: ArticleSource & { ranker?: ConfidenceRanker | undefined; active?: ActiveQueue | undefined },
): Promise<Loaded | { type: 'queueEmpty' }> {
  const { db, session } = deps;
  const id = await nextArticle(db, session.spec, {
    after: null,
    exclude: new Set(),
    ...(deps.ranker === undefined ? {} : { ranker: deps.ranker }),
    ...(deps.active === undefined ? {} : { active: deps.active }),
  });
  const loaded = id === null ? null : await loadForScreen(deps, id);
  return loaded ?? { type: 'queueEmpty' };
}
