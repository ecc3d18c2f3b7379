// Stage 5, evaluation: the split's validation examples through the fitted weights into
// (truth, prediction) pairs per head, and the pairs into the train report (metrics per head, the
// selection score early stopping uses, the confusion counts metadata.json keeps).
import type { SparseVector } from '../../text/types.js';
import { emptyPairs, headReport, pooledStanceMeanF1, validationConfusion } from '../evaluate.js';
import type { HeadPairs } from '../evaluate.js';
import type { EncodedLabels } from '../heads.js';
import { activate, argmaxHead, logits } from '../linear.js';
import type { LinearWeights } from '../linear.js';
import type { EpochReport, HeadSpec, TrainReport } from '../types.js';

export function collectPairs(
  w: LinearWeights,
  heads: readonly HeadSpec[],
  features: readonly SparseVector[],
  labels: readonly EncodedLabels[],
  idx: readonly number[],
): HeadPairs[] {
  const out = emptyPairs(heads);
  const z = new Float64Array(w.outputs);
  const p = new Float64Array(w.outputs);
  for (const i of idx) {
    logits(w, features[i]!, z);
    heads.forEach((h, hi) => {
      const y = labels[i]![hi];
      if (y === null || y === undefined) return;
      activate(h, z, p);
      const pairs = out[hi]!;
      if (typeof y === 'number') {
        pairs.truth.push(y);
        pairs.predicted.push(argmaxHead(h, p));
      } else {
        pairs.truthSets.push(y);
        pairs.predictedSets.push(multiHot(h, p));
      }
    });
  }
  return out;
}

/** Sigmoid heads: every topic over 0.5, and at least the best one (an article has some topic). */
export function multiHot(h: HeadSpec, p: Float64Array): Uint8Array {
  const y = new Uint8Array(h.labels.length);
  for (let j = 0; j < y.length; j++) if (p[h.offset + j]! >= 0.5) y[j] = 1;
  if (!y.includes(1) && y.length > 0) y[argmaxHead(h, p)] = 1;
  return y;
}

export function appendPairs(into: HeadPairs, from: HeadPairs): void {
  into.truth.push(...from.truth);
  into.predicted.push(...from.predicted);
  into.truthSets.push(...from.truthSets);
  into.predictedSets.push(...from.predictedSets);
}

export interface SummaryOptions {
  pairs: HeadPairs[];
  epochs: EpochReport[];
  bestEpoch: number;
  trainingSize: number;
  validationSize: number;
  unseen: string[];
  /** performance.now() when the run started. */
  started: number;
}

export function summarize(o: SummaryOptions): Omit<TrainReport, 'folds'> {
  const heads = o.pairs.map(headReport);
  const topic = heads.find((h) => h.field === 'topics');
  const stance = pooledStanceMeanF1(o.pairs);
  const confusion = validationConfusion(o.pairs);
  return {
    trainingSize: o.trainingSize,
    validationSize: o.validationSize,
    epochs: o.epochs,
    bestEpoch: o.bestEpoch,
    heads,
    ...(topic !== undefined && topic.size > 0 ? { topicMacroF1: topic.macroF1 } : {}),
    ...(stance !== undefined ? { stanceMeanF1: stance } : {}),
    unseenClasses: o.unseen,
    ...(confusion !== undefined ? { validationConfusion: confusion } : {}),
    seconds: (performance.now() - o.started) / 1000,
  };
}

/** The compact numbers kept in metadata.json and ModelVersion.metrics. */
export function metricsSummary(r: TrainReport): Record<string, unknown> {
  return {
    validationSize: r.validationSize,
    bestEpoch: r.bestEpoch,
    ...(r.topicMacroF1 !== undefined ? { topicMacroF1: r.topicMacroF1 } : {}),
    ...(r.stanceMeanF1 !== undefined ? { stanceMeanF1: r.stanceMeanF1 } : {}),
    heads: Object.fromEntries(
      r.heads.map((h) => [
        h.field,
        { size: h.size, accuracy: h.accuracy, macroF1: h.macroF1, ...(h.meanF1FavorAgainst !== undefined ? { meanF1FavorAgainst: h.meanF1FavorAgainst } : {}) },
      ]),
    ),
    ...(r.folds !== undefined ? { folds: r.folds.length } : {}),
  };
}
