// Active learning: which unlabeled article the analyst should label next. The labeling screen and
// bench/label-efficiency.ts drive the same ActiveQueue, so what the benchmark measures is what the
// analyst gets.
import type { LoadedModel } from '../model/io.js';

/** How an article's predictions become one "worth asking" score (higher = ask sooner). */
export type Strategy = 'least-confidence' | 'margin' | 'entropy' | 'random';

/** Which heads' uncertainty counts: the topic head, the stance heads, or both. */
export type HeadSelection = 'topics' | 'stance' | 'all';

export interface ActiveQueue {
  /**
   * Scores the candidates with a new model without blocking the caller's event loop (worker
   * threads, or slices between which the loop runs); the new order is used once it is complete.
   * A later call supersedes an earlier one still running.
   */
  rescore(model: LoadedModel): Promise<void>;
  /**
   * The best candidate right now that `accept` takes (skips what is excluded, claimed or already
   * labeled), or null when none is left. Never waits for a rescore in progress: it answers from the
   * last complete order (or the cold-start order when no model has scored yet).
   */
  next(accept: (articleId: string) => boolean | Promise<boolean>): Promise<string | null>;
}
