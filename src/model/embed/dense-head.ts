// The embedding-based head: softmax/sigmoid regression on standardized document vectors, trained
// by the same sparse Adagrad as the linear heads (sgd.ts; a dense vector is a sparse one with every
// id). The standardization is folded into the weights afterwards, so the head is one Dense layer
// over the raw document vector: z = bias + docvec · W.
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import type { LinearWeights } from '../linear.js';
import { epoch, newState } from '../sgd.js';
import type { HeadSpec } from '../types.js';

export interface DenseHeadOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  rng: () => number;
}

export const DENSE_HEAD_DEFAULTS = { epochs: 30, learningRate: 0.1, l2: 1e-4 } as const;

export function fitDenseHeads(
  vectors: readonly Float64Array[],
  labels: readonly EncodedLabels[],
  heads: readonly HeadSpec[],
  train: readonly number[],
  opts: DenseHeadOptions,
): LinearWeights {
  const dim = vectors[train[0] ?? 0]?.length ?? 0;
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (const i of train) for (let k = 0; k < dim; k++) mean[k]! += vectors[i]![k]! / train.length;
  for (const i of train) for (let k = 0; k < dim; k++) sd[k]! += (vectors[i]![k]! - mean[k]!) ** 2 / train.length;
  for (let k = 0; k < dim; k++) sd[k] = Math.sqrt(sd[k]!) || 1;
  const ids = Uint32Array.from({ length: dim }, (_, k) => k);
  const features = new Array<SparseVector>(vectors.length);
  for (const i of train) features[i] = { ids, values: Float32Array.from(vectors[i]!, (v, k) => (v - mean[k]!) / sd[k]!) };
  const outputs = heads.reduce((n, h) => Math.max(n, h.offset + h.labels.length), 0);
  const state = newState(dim, outputs);
  const classWeights = heads.map((h) => new Float64Array(h.labels.length).fill(1));
  const order = Int32Array.from(train);
  for (let e = 0; e < opts.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(opts.rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    epoch(state, { heads, classWeights, features, labels, order }, { learningRate: opts.learningRate, l2: opts.l2 });
  }
  // Fold (v - mean) / sd into W and the bias.
  const w = state.weights;
  for (let j = 0; j < outputs; j++) {
    let shift = 0;
    for (let k = 0; k < dim; k++) {
      const scaled = w.kernel[k * outputs + j]! / sd[k]!;
      w.kernel[k * outputs + j] = scaled;
      shift += scaled * mean[k]!;
    }
    w.bias[j] = w.bias[j]! - shift;
  }
  return w;
}

/** z = bias + v · W. */
export function denseLogits(w: LinearWeights, v: Float64Array, out: Float64Array): void {
  const c = w.outputs;
  for (let j = 0; j < c; j++) out[j] = w.bias[j]!;
  for (let k = 0; k < v.length; k++) {
    const x = v[k]!;
    const base = k * c;
    for (let j = 0; j < c; j++) out[j]! += x * w.kernel[base + j]!;
  }
}
