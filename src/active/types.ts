// Active learning: which unlabeled article the analyst should label next. The labeling screen and
// bench/label-efficiency.ts drive the same ActiveQueue, so what the benchmark measures is what the
// analyst gets.
import type { LoadedModel } from '../model/io.js';

/** How an article's predictions become one "worth asking" score (higher = ask sooner). */
export type Strategy = 'least-confidence' | 'margin' | 'entropy' | 'random';
export const STRATEGIES = ['least-confidence', 'margin', 'entropy', 'random'] as const satisfies readonly Strategy[];

/** Which heads' uncertainty counts: the topic head, the stance heads, or both. */
export type HeadSelection = 'topics' | 'stance' | 'all';
export const HEAD_SELECTIONS = ['topics', 'stance', 'all'] as const satisfies readonly HeadSelection[];

/** An article the queue may hand out, with the text the model sees. */
export interface Candidate {
  id: string;
  text: string;
  /** Stance targets the article is about (e.g. the keyword it was collected for); default: all. */
  targets?: readonly string[];
}

/** Where the candidates come from: the database for the screen, memory for the benchmark. */
export interface CandidateSource {
  load(): Promise<Candidate[]>;
}

/** Why the queue handed out an article. */
export type PickKind = 'ranked' | 'explore' | 'cold-start';

export interface QueueStatus {
  candidates: number;
  /** The model of the order in use (null: cold start). */
  scoredBy: string | null;
  /** A rescore is running. */
  scoring: boolean;
  picks: Record<PickKind, number>;
}

export interface ActiveQueue {
  /**
   * Scores the candidates with a new model without blocking the caller's event loop (slices between
   * which the loop runs); the new order is used once it is complete. A later call supersedes an
   * earlier one still running (the earlier promise then resolves without changing the order).
   */
  rescore(model: LoadedModel): Promise<void>;
  /**
   * The best candidate right now that `accept` takes (skips what is excluded, claimed or already
   * labeled), or null when none is left. Never waits for a rescore in progress: it answers from the
   * last complete order (or the cold-start order when no model has scored yet). Each article is
   * handed out once; `accept` may claim it (team mode) since it is asked in order.
   */
  next(accept: (articleId: string) => boolean | Promise<boolean>): Promise<string | null>;
  status(): QueueStatus;
}
