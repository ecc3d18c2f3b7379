// Sparse Adagrad for the multi-task linear model. Stock TF.js autograd materializes the dense
// [buckets × outputs] gradient and optimizer update on every step (see the notes in bench/RESULTS.md,
// "Model design measurements"); here a document updates only the kernel rows of its own features
// and only the columns of the heads it has labels for, so masked heads cost nothing.
import type { SparseVector } from '../text/types.js';
import type { EncodedLabels } from './heads.js';
import { logits, zeroWeights } from './linear.js';
import type { LinearWeights } from './linear.js';
import { packRows, rowLayout, rowLogits, rowStep, rowStepColumns, unpackRows } from './sgd-rows.js';
import type { RowLayout } from './sgd-rows.js';
import type { HeadSpec } from './types.js';

export interface SgdOptions {
  learningRate: number;
  l2: number;
}

/** What one epoch reads: `classWeights[h][c]` scales the loss of class c of head h. */
export interface EpochBatch {
  heads: readonly HeadSpec[];
  classWeights: readonly Float64Array[];
  features: readonly SparseVector[];
  labels: readonly EncodedLabels[];
  /** The documents' order of this pass. */
  order: ArrayLike<number>;
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
  /** The epochs' working layout (sgd-rows.ts), made at the first epoch; null when too large. */
  layout?: RowLayout | null;
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
 * One pass over `batch.order`. Returns the mean
 * loss per labelled head-example.
 */
export function epoch(state: SgdState, batch: EpochBatch, opts: SgdOptions): number {
  const { heads, classWeights, features, labels, order } = batch;
  const { weights, gKernel } = state;
  // Averaging keeps its sums in the flat layout: that (non-default) path stays on the flat loops.
  const layout = state.avg === null ? layoutOf(state) : null;
  if (layout === null) return epochFlat(state, batch, opts);
  packRows(layout, weights.kernel, gKernel);
  const { bias } = weights;
  const c = weights.outputs;
  const { rows, stride } = layout;
  const logitsOf = rowLogits(c);
  const stepAll = rowStep(c);
  const z = new Float64Array(c);
  const g = new Float64Array(c);
  const cols = new Int32Array(c);
  const sums = new Float64Array(2);
  const lr = opts.learningRate;
  const l2 = opts.l2;
  const step = { lr, l2, eps: EPS };
  for (let o = 0; o < order.length; o++) {
    const d = order[o]!;
    const x = features[d]!;
    logitsOf(rows, stride, x, bias, z);
    const ncols = gradient(heads, classWeights, labels[d]!, z, g, cols, sums);
    if (ncols === 0) continue;
    // Every column of the kernel, in order (a model of one head, or every head labelled): the
    // columns are 0 … c − 1 and each row's gradient is computed once.
    if (ncols === c) stepAll(rows, stride, x, g, lr, l2, EPS);
    else rowStepColumns(layout, x, g, cols, ncols, step);
    stepBias(state, g, cols, ncols, lr);
  }
  unpackRows(layout, weights.kernel, gKernel);
  return sums[1] === 0 ? 0 : sums[0]! / sums[1]!;
}

function layoutOf(state: SgdState): RowLayout | null {
  const { buckets, outputs } = state.weights;
  if (state.layout === undefined) state.layout = rowLayout(buckets, outputs);
  return state.layout;
}

/**
 * The gradient of the document's loss with respect to its logits `z`, into `g` at the columns of
 * the heads it has labels for (listed in `cols`; returns how many); its loss and labelled heads are
 * added to sums[0] and sums[1].
 */
function gradient(
  heads: readonly HeadSpec[],
  classWeights: readonly Float64Array[],
  y: EncodedLabels,
  z: Float64Array,
  g: Float64Array,
  cols: Int32Array,
  sums: Float64Array,
): number {
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
      sums[0]! += w * (Math.log(sum) - (z[off + yh]! - max));
    } else {
      for (let j = 0; j < k; j++) {
        const zj = z[off + j]!;
        const p = 1 / (1 + Math.exp(-zj));
        const t = yh[j]!;
        const w = t ? cw[j]! : 1;
        g[off + j] = w * (p - t);
        cols[ncols++] = off + j;
        // Stable binary cross-entropy: log(1 + e^z) - t·z.
        sums[0]! += w * (Math.max(zj, 0) + Math.log1p(Math.exp(-Math.abs(zj))) - t * zj);
      }
    }
    sums[1]!++;
  }
  return ncols;
}

/** The bias's Adagrad step on the document's columns (and the averaging sums, when on). */
function stepBias(state: SgdState, g: Float64Array, cols: Int32Array, ncols: number, lr: number): void {
  const { gBias, avg } = state;
  const bias = state.weights.bias;
  for (let q = 0; q < ncols; q++) {
    const j = cols[q]!;
    const grad = g[j]!;
    gBias[j]! += grad * grad;
    const d = (lr * grad) / (Math.sqrt(gBias[j]!) + EPS);
    bias[j]! -= d;
    if (avg !== null) avg.uBias[j]! -= avg.t * d;
  }
  if (avg !== null) avg.t++;
}

/** The epoch on the flat kernel (with averaging, or when the row layout would be too large). */
function epochFlat(state: SgdState, batch: EpochBatch, opts: SgdOptions): number {
  const { heads, classWeights, features, labels, order } = batch;
  const { weights, gKernel, avg } = state;
  const uKernel = avg?.uKernel;
  const { kernel } = weights;
  const c = weights.outputs;
  const z = new Float64Array(c);
  const g = new Float64Array(c);
  const cols = new Int32Array(c);
  const rowGrad = new Float64Array(c);
  const sums = new Float64Array(2);
  const lr = opts.learningRate;
  const l2 = opts.l2;
  for (let o = 0; o < order.length; o++) {
    const d = order[o]!;
    const x = features[d]!;
    logits(weights, x, z);
    const ncols = gradient(heads, classWeights, labels[d]!, z, g, cols, sums);
    if (ncols === 0) continue;
    const ids = x.ids;
    const values = x.values;
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
          const dw = step * (g[j]! * v + l2 * kernel[base + j]!);
          kernel[base + j]! -= dw;
          uKernel[base + j]! -= t * dw;
        }
      }
    }
    stepBias(state, g, cols, ncols, lr);
  }
  return sums[1] === 0 ? 0 : sums[0]! / sums[1]!;
}
