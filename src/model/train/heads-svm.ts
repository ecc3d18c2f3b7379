// Stage 3a, heads (SVM part): every head whose solver includes 'svm' is fitted once, to its
// tolerance, one-vs-rest (../svm-heads.ts). A pure 'svm' head writes into the model's own kernel
// columns, which the Adagrad epochs never touch; an 'svm+adagrad' head writes into a side kernel,
// added to its Adagrad logits after the epochs (calibrate.ts).
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import { zeroWeights } from '../linear.js';
import type { LinearWeights } from '../linear.js';
import { fitSvmHead } from '../svm-heads.js';
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
  /** Most passes any head needed, and the mean squared hinge loss over heads. */
  passes: number;
  loss: number;
}

export function fitSvmHeads(o: SvmStageOptions): SvmStage {
  const { heads, weights } = o;
  const svmHeads = heads.flatMap((h, hi) => (solverOf(h, o.settings) !== 'adagrad' ? [hi] : []));
  const pureSvm = svmHeads.filter((hi) => solverOf(heads[hi]!, o.settings) === 'svm');
  const side = svmHeads.length > pureSvm.length ? zeroWeights(weights.buckets, weights.outputs) : null;
  let passes = 0;
  let loss = 0;
  for (const hi of svmHeads) {
    const h = heads[hi]!;
    const into = solverOf(h, o.settings) === 'svm' ? weights : side!;
    const fit = fitSvmHead({
      into,
      head: h,
      hi,
      features: o.features,
      labels: o.labels,
      idx: o.train,
      settings: o.settings.svm,
      rng: o.rng,
      threads: o.settings.threads,
    });
    passes = Math.max(passes, fit.passes);
    loss += fit.loss / svmHeads.length;
  }
  return { svmHeads, pureSvm, side, passes, loss };
}
