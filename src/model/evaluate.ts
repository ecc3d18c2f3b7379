// Head-level metrics from (truth, prediction) pairs, shared by validation during training, the
// pooled out-of-fold report of --folds, and `mizan eval`. Stance is also scored as SemEval/Mawqif
// do: the mean of F1(favor) and F1(against), pooled over targets.
import { classificationMetrics, macroF1 } from './metrics.js';
import type { ClassMetrics } from './metrics.js';
import type { HeadConfusion } from './io.js';
import type { HeadReport, HeadSpec } from './types.js';

/** Collected pairs for one head: softmax heads store class indices, sigmoid heads multi-hot rows. */
export interface HeadPairs {
  head: HeadSpec;
  truth: number[];
  predicted: number[];
  /** Sigmoid heads only: truth and prediction sets as multi-hot rows. */
  truthSets: Uint8Array[];
  predictedSets: Uint8Array[];
}

export function emptyPairs(heads: readonly HeadSpec[]): HeadPairs[] {
  return heads.map((head) => ({ head, truth: [], predicted: [], truthSets: [], predictedSets: [] }));
}

export function headReport(pairs: HeadPairs): HeadReport {
  const h = pairs.head;
  if (h.kind === 'softmax') {
    const m = classificationMetrics(h.labels, pairs.truth, pairs.predicted);
    const fa = favorAgainst(m.perClass);
    return {
      field: h.field,
      size: pairs.truth.length,
      accuracy: m.accuracy,
      macroF1: m.macroF1,
      perClass: m.perClass,
      confusion: m.confusion,
      labels: m.labels,
      ...(h.field.startsWith('stance:') && fa !== undefined ? { meanF1FavorAgainst: fa } : {}),
    };
  }
  // Multi-label: one binary problem per topic; accuracy is the exact-set match rate.
  const k = h.labels.length;
  const tp = new Array<number>(k).fill(0);
  const fp = new Array<number>(k).fill(0);
  const fn = new Array<number>(k).fill(0);
  let exact = 0;
  pairs.truthSets.forEach((t, i) => {
    const p = pairs.predictedSets[i]!;
    let same = true;
    for (let j = 0; j < k; j++) {
      if (t[j] && p[j]) tp[j]!++;
      else if (p[j]) fp[j]!++;
      else if (t[j]) fn[j]!++;
      if (t[j] !== p[j]) same = false;
    }
    if (same) exact++;
  });
  const perClass = h.labels.map((label, j) => {
    const precision = tp[j]! + fp[j]! === 0 ? 0 : tp[j]! / (tp[j]! + fp[j]!);
    const recall = tp[j]! + fn[j]! === 0 ? 0 : tp[j]! / (tp[j]! + fn[j]!);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: tp[j]! + fn[j]! };
  });
  const n = pairs.truthSets.length;
  return {
    field: h.field,
    size: n,
    accuracy: n === 0 ? 0 : exact / n,
    macroF1: macroF1(
      perClass,
      h.labels.map((_, j) => tp[j]! + fp[j]!),
    ),
    perClass,
    confusion: [],
    labels: [...h.labels],
  };
}

function favorAgainst(perClass: readonly ClassMetrics[]): number | undefined {
  const favor = perClass.find((c) => c.label.toLowerCase() === 'favor');
  const against = perClass.find((c) => c.label.toLowerCase() === 'against');
  return favor === undefined || against === undefined ? undefined : (favor.f1 + against.f1) / 2;
}

/** Mean F1(favor, against) with every stance head's pairs pooled by value name. */
export function pooledStanceMeanF1(all: readonly HeadPairs[]): number | undefined {
  const stance = all.filter((p) => p.head.field.startsWith('stance:') && p.truth.length > 0);
  if (stance.length === 0) return undefined;
  const labels = [...new Set(stance.flatMap((p) => p.head.labels))];
  const truth: number[] = [];
  const predicted: number[] = [];
  for (const p of stance) {
    for (let i = 0; i < p.truth.length; i++) {
      truth.push(labels.indexOf(p.head.labels[p.truth[i]!]!));
      predicted.push(labels.indexOf(p.head.labels[p.predicted[i]!]!));
    }
  }
  return favorAgainst(classificationMetrics(labels, truth, predicted).perClass);
}

/** The early-stopping score: the mean macro-F1 over heads that have validation examples. */
export function selectionScore(reports: readonly HeadReport[]): number {
  const scored = reports.filter((r) => r.size > 0);
  return scored.length === 0 ? 0 : scored.reduce((s, r) => s + r.macroF1, 0) / scored.length;
}

/** The head's confusion counts (see ModelMetadata.validationConfusion). */
export function headConfusion(pairs: HeadPairs): HeadConfusion {
  const h = pairs.head;
  const k = h.labels.length;
  if (h.kind === 'softmax') {
    const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    pairs.truth.forEach((t, i) => matrix[t]![pairs.predicted[i]!]!++);
    return { multiLabel: false, values: [...h.labels], n: pairs.truth.length, matrix };
  }
  const binary = h.labels.map((): [[number, number], [number, number]] => [
    [0, 0],
    [0, 0],
  ]);
  pairs.truthSets.forEach((t, i) => {
    const p = pairs.predictedSets[i]!;
    for (let j = 0; j < k; j++) binary[j]![t[j] ? 1 : 0][p[j] ? 1 : 0]++;
  });
  return { multiLabel: true, values: [...h.labels], n: pairs.truthSets.length, binary };
}

/** Confusion counts of every head with held-out examples, keyed by field; undefined if none has. */
export function validationConfusion(all: readonly HeadPairs[]): Record<string, HeadConfusion> | undefined {
  const out: Record<string, HeadConfusion> = {};
  for (const p of all) {
    const c = headConfusion(p);
    if (c.n > 0) out[p.head.field] = c;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
