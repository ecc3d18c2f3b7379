// One-vs-rest linear SVM heads (scikit-learn LinearSVC's scheme) written into the shared kernel: for
// each class of a head, a binary L2-loss SVM (svm.ts) of "this class" against the head's other
// labelled examples; its weights become the class's kernel column and bias. Examples without a label
// for the head take no part. The margins are then scaled by a temperature T (folded into the same
// column), so the head's softmax or sigmoid — what predict() and the TF.js artifact compute — turns
// them into scores in [0, 1]. T does not move the decision: the argmax of a softmax head is the
// largest margin, and a sigmoid head's 0.5 threshold is the margin 0.
import type { SparseVector } from '../text/types.js';
import type { EncodedLabels } from './heads.js';
import type { LinearWeights } from './linear.js';
import { startClasses } from './svm-parallel.js';
import type { HeadSpec } from './types.js';

export interface SvmHeadOptions {
  C: number;
  tolerance: number;
  maxPasses: number;
  /** Positives of class j weighted (negatives / positives)^power in the cost (0: none, as LinearSVC's default). */
  classWeightPower: number;
  /**
   * Naive-Bayes feature scaling (NBSVM, Wang & Manning 2012) with this smoothing α: each class's SVM
   * sees x_d · r_d, r_d = log of the ratio of the smoothed shares of positive and negative documents
   * containing bucket d. Folded into the class's column, so the model stays linear in x. 0: off.
   */
  nbAlpha: number;
}

export interface SvmHeadFit {
  /** Most passes any class needed. */
  passes: number;
  /** Classes that hit maxPasses before the tolerance. */
  unconverged: number;
  /** Mean squared hinge loss over the labelled (example, class) pairs (NaN when not asked for). */
  loss: number;
}

export interface SvmHeadFitOptions {
  /** The kernel the head's columns are written into. */
  into: LinearWeights;
  head: HeadSpec;
  /** The head's index in each example's encoded labels. */
  hi: number;
  features: readonly SparseVector[];
  labels: readonly EncodedLabels[];
  /** The training examples. */
  idx: readonly number[];
  settings: SvmHeadOptions;
  rng: () => number;
  /** Threads for the head's classes, the caller's included (svm-parallel.ts). */
  threads: number;
  /** false: the loss is not summed (NaN), saving a pass over the documents per class. Default true. */
  loss?: boolean | undefined;
}

/**
 * Fits one head on the examples `idx` and writes its unscaled margins' weights into `into`, in two
 * steps: the classes start solving on helper threads (svm-parallel.ts) and `finish`, which the caller
 * may call after other work of its own, writes the columns.
 */
export function startSvmHead(o: SvmHeadFitOptions): { finish(): SvmHeadFit } {
  const { into: w, head, hi, labels } = o;
  const labelled = o.idx.filter((i) => labels[i]![hi] !== null && labels[i]![hi] !== undefined);
  const xs = labelled.map((i) => o.features[i]!);
  const c = w.outputs;
  // One seed per class, drawn in class order, so a class's pass order does not depend on the threads.
  const seeds = head.labels.map(() => Math.floor(o.rng() * 2 ** 32));
  const classes: number[] = [];
  const targets: Int8Array[] = [];
  head.labels.forEach((_, j) => {
    const y = new Int8Array(labelled.length);
    let pos = 0;
    labelled.forEach((i, n) => {
      const yi = labels[i]![hi]!;
      const isPos = typeof yi === 'number' ? yi === j : yi[j] === 1;
      y[n] = isPos ? 1 : -1;
      if (isPos) pos++;
    });
    if (pos > 0) {
      classes.push(j);
      targets.push(y);
      return;
    }
    // A class nobody has: a constant, clearly negative margin (never predicted over a seen class).
    const col = head.offset + j;
    for (let r = 0; r < w.buckets; r++) w.kernel[r * c + col] = 0;
    w.bias[col] = -1;
  });
  const pending = startClasses({ xs, targets, seeds: classes.map((j) => seeds[j]!), dims: w.buckets, settings: o.settings, threads: o.threads, loss: o.loss });
  return {
    finish(): SvmHeadFit {
      let passes = 0;
      let unconverged = 0;
      let loss = 0;
      pending.finish().forEach((m, k) => {
        const col = head.offset + classes[k]!;
        passes = Math.max(passes, m.passes);
        if (!m.converged) unconverged++;
        for (let r = 0; r < w.buckets; r++) w.kernel[r * c + col] = m.w[r]!;
        w.bias[col] = m.bias;
        loss += m.loss;
      });
      return { passes, unconverged, loss: labelled.length === 0 ? 0 : loss / (labelled.length * head.labels.length) };
    },
  };
}

/** Multiplies the head's columns (kernel and bias) by `t`. */
export function scaleHead(w: LinearWeights, head: HeadSpec, t: number): void {
  const c = w.outputs;
  const end = head.offset + head.labels.length;
  for (let r = 0; r < w.buckets; r++) {
    const base = r * c;
    for (let j = head.offset; j < end; j++) w.kernel[base + j]! *= t;
  }
  for (let j = head.offset; j < end; j++) w.bias[j]! *= t;
}

const TEMPERATURES = Array.from({ length: 41 }, (_, i) => 0.5 * 2 ** (i / 5)); // 0.5 … 128

/**
 * The temperature that minimizes the head's log loss on held-out margins `z` (one row of the head's
 * margins per example, with its labels): softmax cross-entropy or per-class binary cross-entropy.
 * Null without held-out examples.
 */
export function fitTemperature(head: HeadSpec, margins: readonly Float64Array[], ys: readonly (number | Uint8Array)[]): number | null {
  if (margins.length === 0) return null;
  const k = head.labels.length;
  let best = { t: 1, loss: Infinity };
  for (const t of TEMPERATURES) {
    let loss = 0;
    margins.forEach((z, n) => {
      const y = ys[n]!;
      if (typeof y === 'number') {
        let max = -Infinity;
        for (let j = 0; j < k; j++) max = Math.max(max, t * z[j]!);
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(t * z[j]! - max);
        loss += Math.log(sum) - (t * z[y]! - max);
      } else {
        for (let j = 0; j < k; j++) {
          const s = t * z[j]!;
          loss += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y[j]! * s;
        }
      }
    });
    if (loss < best.loss) best = { t, loss };
  }
  return best.t;
}
