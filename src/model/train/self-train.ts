// Stage 3c, self-training over the unlabeled corpus: the split's first model labels the unlabeled
// articles, the most confident of them join the training part with the label it gave, and the heads
// are fitted again. Only the topic head learns from them: an unlabeled article carries no stance
// target, so a stance head has nothing to read off it.
//
// How many join: `ratio` × the head's labeled training examples (at most `max` and the corpus), split
// equally between the classes the labels show, and within a class the most confident first.
// Equal quotas beat both other splits measured (bench/history/2026-12-03-model.md, "Quotas"): the
// model's predicted mix amplifies its own bias (a class it under-predicts gets fewer examples still;
// −1.7 macro-F1 at 100 labels, topics fold 0), and the labels' mix repeats whatever skew the
// labels have: the uncertain queue's picks crowd into the confusable classes, so the easy ones got
// few pseudo-labels (equal: +1.0 at 400 uncertain-picked labels; +1.3 / +0.5 at 100 / 300 random
// ones). The maximum keeps a model trained on thousands of labels from drowning them in its own
// errors (0.4 points lost at full size without it, none with it).
// Validation examples never take part, so scores stay honest.
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import { activate, argmaxHead, logits } from '../linear.js';
import type { LinearWeights } from '../linear.js';
import type { HeadSpec } from '../types.js';
import { multiHot } from './evaluation.js';

export interface SelfTrainSettings {
  /** Pseudo-labeled articles per labeled training example of the topic head (0: off). */
  ratio: number;
  /** Most pseudo-labeled articles in all. */
  max: number;
  /** Rounds of label → refit (each round relabels with the latest model). */
  rounds: number;
  /** Only while the topic head has fewer labeled examples than this. */
  until: number;
}

export interface PseudoLabelOptions {
  weights: LinearWeights;
  heads: readonly HeadSpec[];
  features: readonly SparseVector[];
  labels: readonly EncodedLabels[];
  train: readonly number[];
  /** Indices of the unlabeled articles in `features` and `labels`. */
  unlabeled: readonly number[];
  ratio: number;
  /** Most pseudo-labeled articles (default: no limit but the corpus). */
  max?: number;
}

export interface PseudoLabels {
  /** `labels` with the chosen unlabeled articles' topic label filled in. */
  labels: EncodedLabels[];
  /** The chosen unlabeled indices. */
  chosen: number[];
}

export function pseudoLabel(o: PseudoLabelOptions): PseudoLabels {
  const labels = o.labels.slice();
  const hi = o.heads.findIndex((h) => h.field === 'topics');
  if (hi < 0 || o.unlabeled.length === 0 || o.ratio <= 0) return { labels, chosen: [] };
  const head = o.heads[hi]!;
  const labeled = o.train.filter((i) => o.labels[i]![hi] !== null && o.labels[i]![hi] !== undefined).length;
  const budget = Math.min(o.unlabeled.length, o.max ?? Infinity, Math.round(o.ratio * labeled));
  if (budget === 0) return { labels, chosen: [] };

  const z = new Float64Array(o.weights.outputs);
  const p = new Float64Array(o.weights.outputs);
  // Per unlabeled article: the label the model gives, its confidence, and the class it counts for.
  const guess = o.unlabeled.map((i) => {
    logits(o.weights, o.features[i]!, z);
    activate(head, z, p);
    if (head.kind === 'softmax') {
      const c = argmaxHead(head, p);
      return { i, label: c, cls: c, confidence: p[head.offset + c]! };
    }
    // Multi-label: confident when every topic's probability is far from 0.5.
    let confidence = 1;
    for (let j = 0; j < head.labels.length; j++) confidence = Math.min(confidence, Math.max(p[head.offset + j]!, 1 - p[head.offset + j]!));
    return { i, label: multiHot(head, p), cls: argmaxHead(head, p), confidence };
  });

  const byClass = head.labels.map(() => [] as typeof guess);
  for (const g of guess) byClass[g.cls]!.push(g);
  const chosen: number[] = [];
  // Equal shares for the classes with a labeled training example (a class no label shows gets none).
  const seen = head.labels.map(() => 0);
  for (const i of o.train) {
    const y = o.labels[i]![hi];
    if (typeof y === 'number') seen[y] = 1;
    else if (y instanceof Uint8Array) y.forEach((v, j) => v > 0 && (seen[j] = 1));
  }
  const quotas = apportion(budget, seen);
  byClass.forEach((members, c) => {
    members.sort((a, b) => b.confidence - a.confidence || a.i - b.i);
    for (const g of members.slice(0, quotas[c])) {
      const row = new Array<number | Uint8Array | null>(o.heads.length).fill(null);
      row[hi] = g.label;
      labels[g.i] = row;
      chosen.push(g.i);
    }
  });
  return { labels, chosen: chosen.sort((a, b) => a - b) };
}

/** `total` split in proportion to `weights`, summing to `total` exactly (largest remainders first). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (total * w) / sum));
  const out = exact.map(Math.floor);
  const order = exact.map((x, c) => ({ c, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.c - b.c);
  for (let k = 0, left = total - out.reduce((a, b) => a + b, 0); k < left; k++) out[order[k % order.length]!.c]!++;
  return out;
}
