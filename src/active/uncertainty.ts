// How unsure a model is about one article, as one number in [0, 1] (higher = more worth asking).
// Every strategy is normalized so that 1 is a uniform guess and 0 a certain one, which lets the
// topic head and the stance heads be combined by taking the most uncertain of them.
import type { HeadSpec, Prediction } from '../model/types.js';
import type { HeadSelection, Strategy } from './types.js';

export type UncertaintyStrategy = Exclude<Strategy, 'random'>;

/** Uncertainty of one categorical distribution (softmax head). */
export function categorical(strategy: UncertaintyStrategy, p: readonly number[]): number {
  const k = p.length;
  if (k < 2) return 0;
  let first = 0;
  let second = 0;
  let h = 0;
  for (const x of p) {
    if (x > first) {
      second = first;
      first = x;
    } else if (x > second) second = x;
    if (x > 0) h -= x * Math.log(x);
  }
  switch (strategy) {
    case 'least-confidence':
      return clamp01(((1 - first) * k) / (k - 1));
    case 'margin':
      return clamp01(1 - (first - second));
    case 'entropy':
      return clamp01(h / Math.log(k));
  }
}

/** Uncertainty of independent yes/no decisions (sigmoid head): the least certain of them. */
export function binary(strategy: UncertaintyStrategy, p: readonly number[]): number {
  let u = 0;
  for (const x of p) u = Math.max(u, categorical(strategy, [x, 1 - x]));
  return u;
}

export interface ScoreOptions {
  strategy: UncertaintyStrategy;
  heads: HeadSelection;
  /** The model's heads (their kind tells softmax from sigmoid topics). */
  modelHeads: readonly HeadSpec[];
  /** Stance targets the article is about; undefined: every stance head counts. */
  targets?: readonly string[] | undefined;
}

/**
 * The article's uncertainty under the chosen heads: the maximum over those heads (the decision the
 * analyst's label would settle most). A selection the model has no head for counts as 0.
 */
export function uncertainty(p: Prediction, opts: ScoreOptions): number {
  let u = 0;
  if (opts.heads !== 'stance' && p.topics.length > 0) {
    const kind = opts.modelHeads.find((h) => h.field === 'topics')?.kind ?? 'softmax';
    const scores = p.topics.map((t) => t.score);
    u = Math.max(u, kind === 'sigmoid' ? binary(opts.strategy, scores) : categorical(opts.strategy, scores));
  }
  if (opts.heads !== 'topics') {
    for (const [target, s] of Object.entries(p.stance)) {
      if (opts.targets !== undefined && !opts.targets.includes(target)) continue;
      u = Math.max(u, categorical(opts.strategy, Object.values(s.scores)));
    }
  }
  return u;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
