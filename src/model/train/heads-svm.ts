// Stage 3a, heads (SVM part): every head whose solver includes 'svm' is fitted once, to its
// tolerance, one-vs-rest (../svm-heads.ts). A pure 'svm' head writes into the model's own kernel
// columns, which the Adagrad epochs never touch; an 'svm+adagrad' head writes into a side kernel,
// added to its Adagrad logits after the epochs (calibrate.ts). A single 'svm+adagrad' head can be
// solved while the Adagrad epochs run (startSvmHeads): they read nothing it writes, and its classes
// then keep the helper threads busy while the trainer's thread does the epochs.
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import { zeroWeights } from '../linear.js';
import type { LinearWeights } from '../linear.js';
import { startSvmHead } from '../svm-heads.js';
import type { HeadSpec } from '../types.js';
import { solverOf } from './options.js';
import type { TrainSettings } from './options.js';

export interface SvmStageOptions {
  heads: readonly HeadSpec[];
  labels: readonly EncodedLabels[];
  features: readonly SparseVector[];
  train: readonly number[];
  /** The model's kernel: pure SVM heads are written here. */
  weights: LinearWeights;
  settings: Pick<TrainSettings, 'solver' | 'stanceSolver' | 'svm' | 'threads'>;
  rng: () => number;
}

export interface SvmStage {
  /** Indices of the heads with an SVM part, and of those that are pure SVM. */
  svmHeads: number[];
  pureSvm: number[];
  /** The 'svm+adagrad' heads' margins (null when there are none). */
  side: LinearWeights | null;
  /** Most passes any head needed, and the mean squared hinge loss over heads (NaN unless every head is pure SVM). */
  passes: number;
  loss: number;
}

/** The SVM stage, begun: `pureSvm` and `svmHeads` are known at once, the fits after `finish`. */
export interface PendingSvmStage {
  svmHeads: number[];
  pureSvm: number[];
  finish(): SvmStage;
}

/**
 * Starts the SVM stage. With exactly one SVM head and it 'svm+adagrad', its classes go on solving on
 * helper threads until `finish`; otherwise (a pure SVM head writes columns the Adagrad weights must
 * include; several heads draw their seeds in turn) everything is solved here and `finish` only
 * returns it. Either way the generator is drawn from in the same order, so the weights are the same.
 */
export function startSvmHeads(o: SvmStageOptions): PendingSvmStage {
  const { heads, weights } = o;
  const svmHeads = heads.flatMap((h, hi) => (solverOf(h, o.settings) !== 'adagrad' ? [hi] : []));
  const pureSvm = svmHeads.filter((hi) => solverOf(heads[hi]!, o.settings) === 'svm');
  const side = svmHeads.length > pureSvm.length ? zeroWeights(weights.buckets, weights.outputs) : null;
  const start = (hi: number) =>
    startSvmHead({
      into: solverOf(heads[hi]!, o.settings) === 'svm' ? weights : side!,
      head: heads[hi]!,
      hi,
      features: o.features,
      labels: o.labels,
      idx: o.train,
      settings: o.settings.svm,
      rng: o.rng,
      threads: o.settings.threads,
      // Only a model of SVM heads alone reports their loss (as its one epoch's).
      loss: pureSvm.length === heads.length,
    });
  const collect = (fits: { passes: number; loss: number }[]): SvmStage => ({
    svmHeads,
    pureSvm,
    side,
    passes: fits.reduce((m, f) => Math.max(m, f.passes), 0),
    loss: fits.reduce((sum, f) => sum + f.loss / svmHeads.length, 0),
  });
  if (svmHeads.length === 1 && pureSvm.length === 0) {
    const pending = start(svmHeads[0]!);
    let stage: SvmStage | undefined;
    return { svmHeads, pureSvm, finish: () => (stage ??= collect([pending.finish()])) };
  }
  const stage = collect(svmHeads.map((hi) => start(hi).finish()));
  return { svmHeads, pureSvm, finish: () => stage };
}
