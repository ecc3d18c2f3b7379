// Stage 4, calibration: a head's scores become probabilities. An SVM head's margins are multiplied
// by a temperature T fitted on the validation split (log loss), folded into its kernel columns so
// predict() and the TF.js artifact need nothing extra; an 'svm+adagrad' head first gets its SVM
// margins added to its Adagrad logits (two linear models summed are one) and is then calibrated the
// same way. T > 0 leaves every decision unchanged: only the scores move.
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import { logits } from '../linear.js';
import type { LinearWeights } from '../linear.js';
import { fitTemperature, scaleHead } from '../svm-heads.js';
import type { HeadSpec } from '../types.js';

/**
 * An Adagrad head's softmax is already on a probability scale; its temperature is fitted only from
 * this many held-out labels on. A small split the model gets all right pushes T to the top of the
 * grid and every score to 1, and the uncertain queue and the screen's suggestion confidence then
 * see nothing but certainty: that is the labeling screen's first models, trained on tens of labels.
 */
export const MIN_HELD_OUT_FOR_ADAGRAD_T = 50;

export interface CalibrationOptions {
  heads: readonly HeadSpec[];
  labels: readonly EncodedLabels[];
  features: readonly SparseVector[];
  /** The validation examples T is fitted on (none: `fixed`, else the fallback). */
  val: readonly number[];
  /** Temperatures chosen earlier (a refit reuses the validation run's, --folds the folds' median). */
  fixed?: Record<string, number> | undefined;
}

/**
 * Fits head `hi`'s temperature on `w` and scales its columns by it; returns T. Without held-out
 * labels, `fallback`: raw SVM margins (about ±1) need sharpening, summed logits already carry the
 * Adagrad model's calibrated scale.
 */
export function calibrateHead(w: LinearWeights, hi: number, fallback: number, o: CalibrationOptions & { minHeldOut?: number }): number {
  const h = o.heads[hi]!;
  const z = new Float64Array(w.outputs);
  const held = o.val.filter((i) => o.labels[i]![hi] !== null && o.labels[i]![hi] !== undefined);
  if (o.fixed?.[h.field] === undefined && held.length < (o.minHeldOut ?? 0)) return fallback;
  const margins = held.map((i) => {
    logits(w, o.features[i]!, z);
    return z.slice(h.offset, h.offset + h.labels.length);
  });
  const t =
    o.fixed?.[h.field] ??
    fitTemperature(
      h,
      margins,
      held.map((i) => o.labels[i]![hi]!),
    ) ??
    fallback;
  scaleHead(w, h, t);
  return t;
}

/** w[head columns] += λ · from[head columns]. */
export function addHead(w: LinearWeights, from: LinearWeights, h: HeadSpec, lambda: number): void {
  const c = w.outputs;
  const end = h.offset + h.labels.length;
  for (let r = 0; r < w.buckets; r++) {
    const base = r * c;
    for (let j = h.offset; j < end; j++) w.kernel[base + j]! += lambda * from.kernel[base + j]!;
  }
  for (let j = h.offset; j < end; j++) w.bias[j]! += lambda * from.bias[j]!;
}
