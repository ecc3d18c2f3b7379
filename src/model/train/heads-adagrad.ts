// Stage 3b, heads (Adagrad part): softmax/sigmoid regression of every head not purely SVM, by
// sparse Adagrad (../sgd.ts), epoch by epoch over a shuffled order, keeping the weights of the
// epoch with the best validation score and stopping `patience` epochs after it.
import type { SparseVector } from '../../text/types.js';
import { headReport, selectionScore } from '../evaluate.js';
import type { EncodedLabels } from '../heads.js';
import type { LinearWeights } from '../linear.js';
import { currentWeights, epoch } from '../sgd.js';
import type { SgdState } from '../sgd.js';
import type { EpochReport, HeadSpec } from '../types.js';
import { collectPairs } from './evaluation.js';
import type { TrainSettings } from './options.js';
import { shuffle } from './splits.js';

export interface AdagradStageOptions {
  /** Holds the model's kernel (pure SVM heads already in their columns, which stay untouched). */
  state: SgdState;
  heads: readonly HeadSpec[];
  /** Heads fitted by the SVM alone: skipped here. */
  pureSvm: readonly number[];
  labels: readonly EncodedLabels[];
  features: readonly SparseVector[];
  train: readonly number[];
  val: readonly number[];
  maxEpochs: number;
  settings: Pick<TrainSettings, 'adagrad'>;
  rng: () => number;
  onEpoch: (e: EpochReport) => void;
}

export interface AdagradStage {
  weights: LinearWeights;
  epochs: EpochReport[];
  bestEpoch: number;
}

export function fitAdagradHeads(o: AdagradStageOptions): AdagradStage {
  const { state, heads, labels, features, train, val } = o;
  const { learningRate, l2, patience, minDelta, classWeightPower } = o.settings.adagrad;
  const adaIdx = heads.flatMap((_, hi) => (o.pureSvm.includes(hi) ? [] : [hi]));
  const adaHeads = adaIdx.map((hi) => heads[hi]!);
  const adaLabels = o.pureSvm.length === 0 ? labels : labels.map((l) => adaIdx.map((hi) => l[hi]!));
  const classWeights = adaIdx.map((hi) =>
    classWeightsFor(
      heads[hi]!,
      train.map((i) => labels[i]![hi]!),
      classWeightPower,
    ),
  );
  const order = Int32Array.from(train);
  const reports: EpochReport[] = [];
  let best = { score: -Infinity, epoch: 0, kernel: null as Float32Array | null, bias: null as Float32Array | null };
  for (let e = 1; e <= o.maxEpochs; e++) {
    shuffle(order, o.rng);
    const loss = epoch(state, { heads: adaHeads, classWeights, features, labels: adaLabels, order }, { learningRate, l2 });
    const now = currentWeights(state);
    const pairs = val.length > 0 ? collectPairs(now, heads, features, labels, val) : null;
    const score = pairs === null ? 0 : selectionScore(pairs.map(headReport));
    const rep: EpochReport = { epoch: e, loss, validationMacroF1: score };
    reports.push(rep);
    o.onEpoch(rep);
    if (val.length === 0) {
      best = { score, epoch: e, kernel: now.kernel, bias: now.bias };
      continue;
    }
    if (score > best.score + minDelta) {
      // A copy only on improvement: the kernel is a few MB to tens of MB.
      best = { score, epoch: e, kernel: now === state.weights ? now.kernel.slice() : now.kernel, bias: now === state.weights ? now.bias.slice() : now.bias };
    } else if (e - best.epoch >= patience) {
      break;
    }
  }
  const weights: LinearWeights = best.kernel === null ? currentWeights(state) : { ...state.weights, kernel: best.kernel, bias: best.bias! };
  return { weights, epochs: reports, bestEpoch: best.epoch };
}

/** (n / (k · count))^power per class, k the classes seen; unseen classes weigh 1. */
export function classWeightsFor(h: HeadSpec, ys: readonly (number | Uint8Array | null)[], power: number): Float64Array {
  const k = h.labels.length;
  const count = new Float64Array(k);
  let n = 0;
  for (const y of ys) {
    if (y === null) continue;
    n++;
    if (typeof y === 'number') count[y]!++;
    else for (let j = 0; j < k; j++) count[j]! += y[j]!;
  }
  const seen = count.filter((c) => c > 0).length;
  const w = new Float64Array(k).fill(1);
  for (let j = 0; j < k; j++) {
    if (count[j]! > 0) w[j] = (n / (seen * count[j]!)) ** power;
  }
  return w;
}
