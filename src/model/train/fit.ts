// One split through the stages: representation (idf on the training part, the unlabeled corpus
// weighted with it) → heads (SVM, then Adagrad epochs with early stopping on `val`) → calibration → evaluation on
// `val`, and with an unlabeled corpus, self-training rounds (self-train.ts) that fit the heads again.
// trainModel calls it once per fold, for the validation split, and for the final refit.
import type { SparseVector } from '../../text/types.js';
import { headReport, selectionScore } from '../evaluate.js';
import type { HeadPairs } from '../evaluate.js';
import type { EncodedLabels } from '../heads.js';
import type { LinearWeights } from '../linear.js';
import { newState } from '../sgd.js';
import type { EpochReport, HeadSpec, TrainOptions } from '../types.js';
import { MIN_HELD_OUT_FOR_ADAGRAD_T, addHead, calibrateHead } from './calibrate.js';
import type { CalibrationOptions } from './calibrate.js';
import { collectPairs } from './evaluation.js';
import { fitAdagradHeads } from './heads-adagrad.js';
import { startSvmHeads } from './heads-svm.js';
import { solverOf } from './options.js';
import type { TrainSettings } from './options.js';
import { represent } from './represent.js';
import type { Representation } from './represent.js';
import { pseudoLabel } from './self-train.js';

export interface FitSplitOptions {
  raw: readonly SparseVector[][];
  labels: readonly EncodedLabels[];
  heads: readonly HeadSpec[];
  train: number[];
  val: number[];
  hashBits: number;
  /** Most Adagrad epochs for this fit. */
  maxEpochs: number;
  settings: TrainSettings;
  rng: () => number;
  /** Indices of the unlabeled corpus's articles in `raw` (their labels are all null). */
  unlabeled: readonly number[];
  /** Marks this fit's epoch reports (a fold, or the final refit). */
  tag: { fold?: number; refit?: boolean; selfTraining?: boolean };
  /** Temperatures to use instead of fitting them (refits). */
  temperatures?: Record<string, number> | undefined;
  onEpoch?: TrainOptions['onEpoch'];
}

export interface FitResult {
  weights: LinearWeights;
  idf: Float32Array;
  epochs: EpochReport[];
  bestEpoch: number;
  /** Validation (truth, prediction) pairs per head, empty without `val`. */
  pairs: HeadPairs[];
  /** Per SVM head: the temperature of its margins (chosen on validation when there is one). */
  temperatures: Record<string, number>;
  /** Unlabeled articles the last self-training round added to the training part. */
  pseudoLabeled: number;
}

export function fitSplit(o: FitSplitOptions): FitResult {
  const { settings } = o;
  let rep = represent({ raw: o.raw, train: o.train, val: o.val, corpus: o.unlabeled, hashBits: o.hashBits, minDf: settings.minDf });
  let fit = fitHeads(o, rep, o.labels, o.train);
  let pseudoLabeled = 0;
  for (let round = 0; round < settings.selfTrain.rounds && settings.selfTrain.ratio > 0 && o.unlabeled.length > 0; round++) {
    const pseudo = pseudoLabel({
      weights: fit.weights,
      heads: o.heads,
      features: rep.features,
      labels: o.labels,
      train: o.train,
      unlabeled: o.unlabeled,
      ratio: settings.selfTrain.ratio,
      max: settings.selfTrain.max,
    });
    if (pseudo.chosen.length === 0) break;
    // The idf is fitted again with the pseudo-labeled articles in the training part, so words that
    // only they show get a weight (the labels' idf gives them 0).
    const train = [...o.train, ...pseudo.chosen];
    rep = represent({ raw: o.raw, train, val: o.val, corpus: o.unlabeled, hashBits: o.hashBits, minDf: settings.minDf });
    fit = fitHeads({ ...o, tag: { ...o.tag, selfTraining: true } }, rep, pseudo.labels, train);
    pseudoLabeled = pseudo.chosen.length;
  }
  return { ...fit, pseudoLabeled };
}

/** The heads, their calibration and the validation pairs, on one representation and training part. */
function fitHeads(o: FitSplitOptions, rep: Representation, labels: readonly EncodedLabels[], train: number[]): Omit<FitResult, 'pseudoLabeled'> {
  const { heads, val, settings } = o;
  const { features } = rep;
  const outputs = heads.reduce((n, h) => n + h.labels.length, 0);
  const state = newState(rep.width, outputs, settings.adagrad.average);
  const report = (r: EpochReport): void => o.onEpoch?.({ ...r, ...o.tag });
  const calibration: CalibrationOptions = { heads, labels, features, val, fixed: o.temperatures };
  const temperatures: Record<string, number> = {};

  // The SVM part may still be solving on helper threads while the Adagrad epochs below run; pure SVM
  // heads are done before them (their columns belong in the Adagrad stage's weights).
  const pendingSvm = startSvmHeads({ heads, labels, features, train, weights: state.weights, settings, rng: o.rng });
  const early = pendingSvm.pureSvm.length > 0 ? pendingSvm.finish() : undefined;
  for (const hi of pendingSvm.pureSvm) temperatures[heads[hi]!.field] = calibrateHead(state.weights, hi, settings.temperature, calibration);
  if (early !== undefined && early.pureSvm.length === heads.length) {
    const svm = early;
    const pairs = collectPairs(state.weights, heads, features, labels, val);
    const score = val.length === 0 ? 0 : selectionScore(pairs.map(headReport));
    const rep0: EpochReport = { epoch: svm.passes, loss: svm.loss, validationMacroF1: score };
    report(rep0);
    return { weights: state.weights, idf: rep.idf, epochs: [rep0], bestEpoch: svm.passes, pairs, temperatures };
  }

  const ada = fitAdagradHeads({
    state,
    heads,
    pureSvm: pendingSvm.pureSvm,
    labels,
    features,
    train,
    val,
    maxEpochs: o.maxEpochs,
    settings,
    rng: o.rng,
    onEpoch: report,
  });
  const weights = ada.weights;
  const svm = early ?? pendingSvm.finish();
  if (svm.side !== null) {
    for (const hi of svm.svmHeads) {
      const h = heads[hi]!;
      if (solverOf(h, settings) !== 'svm+adagrad') continue;
      addHead(weights, svm.side, h, settings.svmWeight);
      temperatures[h.field] = calibrateHead(weights, hi, 1, calibration);
    }
  }
  if (settings.calibrate === 'all') {
    heads.forEach((h, hi) => {
      if (solverOf(h, settings) === 'adagrad')
        temperatures[h.field] = calibrateHead(weights, hi, 1, { ...calibration, minHeldOut: MIN_HELD_OUT_FOR_ADAGRAD_T });
    });
  }
  const pairs = collectPairs(weights, heads, features, labels, val);
  return { weights, idf: rep.idf, epochs: ada.epochs, bestEpoch: ada.bestEpoch, pairs, temperatures };
}
