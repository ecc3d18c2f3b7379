// Sparse Adagrad for the multi-task linear model. Stock TF.js autograd materializes the dense
// [buckets × outputs] gradient and optimizer update on every step (see the notes in bench/RESULTS.md,
// "Model design measurements"); here a document updates only the kernel rows of its own features
// and only the columns of the heads it has labels for, so masked heads cost nothing.
import type { SparseVector } from '../text/types.js';
import type { EncodedLabels } from './heads.js';
import { logits, zeroWeights } from './linear.js';
import type { LinearWeights } from './linear.js';
import type { HeadSpec } from './types.js';

export interface SgdOptions {
  learningRate: number;
  l2: number;
}

export interface SgdState {
  weights: LinearWeights;
  /**
   * Row-wise Adagrad: one accumulator per kernel row (the mean squared gradient over the row's
   * updated columns), so a step costs one sqrt per feature instead of one per parameter.
   */
  gKernel: Float32Array;
  gBias: Float32Array;
  /**
   * Averaged SGD: the mean of the weights over all steps, kept with the lazy trick (u accumulates
   * t·Δ, so mean = w − u/t) so that sparse steps stay sparse. Null when averaging is off.
   */
  avg: { uKernel: Float64Array; uBias: Float64Array; t: number } | null;
}

const EPS = 1e-8;

export function newState(buckets: number, outputs: number, average = false): SgdState {
  const weights = zeroWeights(buckets, outputs);
  const avg = average ? { uKernel: new Float64Array(buckets * outputs), uBias: new Float64Array(outputs), t: 1 } : null;
  return { weights, gKernel: new Float32Array(buckets), gBias: new Float32Array(outputs), avg };
}

/** The averaged weights (a new object), or the current ones when averaging is off. */
export function currentWeights(state: SgdState): LinearWeights {
  const { weights, avg } = state;
  if (avg === null) return weights;
  const kernel = new Float32Array(weights.kernel.length);
  const inv = 1 / avg.t;
  for (let i = 0; i < kernel.length; i++) kernel[i] = weights.kernel[i]! - avg.uKernel[i]! * inv;
  const bias = new Float32Array(weights.bias.length);
  for (let j = 0; j < bias.length; j++) bias[j] = weights.bias[j]! - avg.uBias[j]! * inv;
  return { ...weights, kernel, bias };
}

/**
 * One pass over `order`. `classWeights[h][c]` scales the loss of class c of head h. Returns the mean
 * loss per labelled head-example.
 */
export function epoch(
  state: SgdState,
  heads: readonly HeadSpec[],
  classWeights: readonly Float64Array[],
  features: readonly SparseVector[],
  labels: readonly EncodedLabels[],
  order: ArrayLike<number>,
  opts: SgdOptions,
): number {
  const { weights, gKernel, gBias, avg } = state;
  const uKernel = avg?.uKernel;
  const uBias = avg?.uBias;
  const { kernel, bias } = weights;
  const c = weights.outputs;
  const z = new Float64Array(c);
  const g = new Float64Array(c);
  const cols = new Int32Array(c);
  const rowGrad = new Float64Array(c);
  const lr = opts.learningRate;
  const l2 = opts.l2;
  let loss = 0;
  let terms = 0;
  for (let o = 0; o < order.length; o++) {
    const d = order[o]!;
    const y = labels[d]!;
    const x = features[d]!;
    logits(weights, x, z);
    let ncols = 0;
    for (let h = 0; h < heads.length; h++) {
      const yh = y[h];
      if (yh === null || yh === undefined) continue;
      const head = heads[h]!;
      const off = head.offset;
      const k = head.labels.length;
      const cw = classWeights[h]!;
      if (typeof yh === 'number') {
        let max = -Infinity;
        for (let j = 0; j < k; j++) if (z[off + j]! > max) max = z[off + j]!;
        let sum = 0;
        for (let j = 0; j < k; j++) sum += Math.exp(z[off + j]! - max);
        const w = cw[yh]!;
        for (let j = 0; j < k; j++) {
          const p = Math.exp(z[off + j]! - max) / sum;
          g[off + j] = w * (p - (j === yh ? 1 : 0));
          cols[ncols++] = off + j;
        }
        loss += w * (Math.log(sum) - (z[off + yh]! - max));
      } else {
        for (let j = 0; j < k; j++) {
          const zj = z[off + j]!;
          const p = 1 / (1 + Math.exp(-zj));
          const t = yh[j]!;
          const w = t ? cw[j]! : 1;
          g[off + j] = w * (p - t);
          cols[ncols++] = off + j;
          // Stable binary cross-entropy: log(1 + e^z) - t·z.
          loss += w * (Math.max(zj, 0) + Math.log1p(Math.exp(-Math.abs(zj))) - t * zj);
        }
      }
      terms++;
    }
    if (ncols === 0) continue;
    const ids = x.ids;
    const values = x.values;
    // Every column of the kernel, in order (a model of one head, or every head labelled): the
    // columns are 0 … c − 1 and each row's gradient is computed once.
    const allColumns = ncols === c && uKernel === undefined;
    for (let i = 0; i < ids.length; i++) {
      const row = ids[i]!;
      const base = row * c;
      const v = values[i]!;
      let sq = 0;
      if (allColumns) {
        for (let j = 0; j < c; j++) {
          const grad = g[j]! * v + l2 * kernel[base + j]!;
          rowGrad[j] = grad;
          sq += grad * grad;
        }
        const acc = gKernel[row]! + sq / ncols;
        gKernel[row] = acc;
        const step = lr / (Math.sqrt(acc) + EPS);
        for (let j = 0; j < c; j++) kernel[base + j]! -= step * rowGrad[j]!;
        continue;
      }
      for (let q = 0; q < ncols; q++) {
        const j = cols[q]!;
        const grad = g[j]! * v + l2 * kernel[base + j]!;
        sq += grad * grad;
      }
      const acc = gKernel[row]! + sq / ncols;
      gKernel[row] = acc;
      const step = lr / (Math.sqrt(acc) + EPS);
      if (uKernel === undefined) {
        for (let q = 0; q < ncols; q++) {
          const j = cols[q]!;
          kernel[base + j]! -= step * (g[j]! * v + l2 * kernel[base + j]!);
        }
      } else {
        const t = avg!.t;
        for (let q = 0; q < ncols; q++) {
          const j = cols[q]!;
          const d = step * (g[j]! * v + l2 * kernel[base + j]!);
          kernel[base + j]! -= d;
          uKernel[base + j]! -= t * d;
        }
      }
    }
    for (let q = 0; q < ncols; q++) {
      const j = cols[q]!;
      const grad = g[j]!;
      gBias[j]! += grad * grad;
      const d = (lr * grad) / (Math.sqrt(gBias[j]!) + EPS);
      bias[j]! -= d;
      if (uBias !== undefined) uBias[j]! -= avg!.t * d;
    }
    if (avg !== null) avg.t++;
  }
  return terms === 0 ? 0 : loss / terms;
}
