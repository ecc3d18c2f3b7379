// Classification metrics computed from label indices, shared by training (early stopping on
// validation macro-F1), `mizan eval` and the benchmarks so every number means the same thing.

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true examples of this class. */
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  labels: string[];
}

/** Metrics for single-label predictions; `truth[i]` and `predicted[i]` index into `labels`. */
export function classificationMetrics(labels: string[], truth: ArrayLike<number>, predicted: ArrayLike<number>): ClassificationMetrics {
  if (truth.length !== predicted.length) {
    throw new RangeError(`truth has ${truth.length} entries, predictions ${predicted.length}`);
  }
  const k = labels.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    confusion[t]![p]! += 1;
    if (t === p) correct++;
  }
  const predictedAs = new Array<number>(k).fill(0);
  const perClass = labels.map((label, c) => {
    const tp = confusion[c]![c]!;
    let support = 0;
    for (let j = 0; j < k; j++) {
      predictedAs[c]! += confusion[j]![c]!;
      support += confusion[c]![j]!;
    }
    return prf(label, tp, predictedAs[c]! - tp, support - tp, support);
  });
  return {
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    macroF1: macroF1(perClass, predictedAs),
    perClass,
    confusion,
    labels: [...labels],
  };
}

/**
 * The mean F1 over the classes that occur in the truth or the predictions, as scikit-learn computes
 * it without `labels=`: a codebook value nobody used and the model never predicted (e.g. "neutral"
 * in a corpus without it) says nothing about the model and must not pull the mean down.
 */
export function macroF1(perClass: readonly ClassMetrics[], predicted: readonly number[]): number {
  let sum = 0;
  let n = 0;
  perClass.forEach((c, i) => {
    if (c.support === 0 && predicted[i] === 0) return;
    sum += c.f1;
    n++;
  });
  return n === 0 ? 0 : sum / n;
}

function prf(label: string, tp: number, fp: number, fn: number, support: number): ClassMetrics {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { label, precision, recall, f1, support };
}

/**
 * The stance metric of SemEval-2016 and Mawqif: the mean of F1(favor) and F1(against). By default the
 * favor and against classes are found by a case-insensitive match on those words.
 */
export function stanceMeanF1(metrics: ClassificationMetrics, which: { favor?: string; against?: string } = {}): number {
  const find = (wanted: string | undefined, fallback: string): ClassMetrics => {
    const target = (wanted ?? fallback).toLowerCase();
    const hit = metrics.perClass.find((c) => c.label.toLowerCase() === target);
    if (hit === undefined) throw new RangeError(`no stance class "${wanted ?? fallback}" among ${metrics.labels.join(', ')}`);
    return hit;
  };
  return (find(which.favor, 'favor').f1 + find(which.against, 'against').f1) / 2;
}
