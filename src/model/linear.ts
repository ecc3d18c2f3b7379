// The multi-task linear model over sparse tf-idf features: one kernel [buckets × outputs] shared by
// every head (topics, one per stance target), each head owning a contiguous block of columns.
// Training and prediction both go through `logits` and `activate`, so they cannot disagree; the
// saved TF.js layers model holds the same numbers (see tfjs-artifact.ts).
import type { SparseVector } from '../text/types.js';
import type { HeadSpec } from './types.js';

export interface LinearWeights {
  buckets: number;
  outputs: number;
  /** Row-major [buckets × outputs]: a document touches only the rows of its features. */
  kernel: Float32Array;
  bias: Float32Array;
}

export function zeroWeights(buckets: number, outputs: number): LinearWeights {
  return { buckets, outputs, kernel: new Float32Array(buckets * outputs), bias: new Float32Array(outputs) };
}

// Where the prefetch loop's sum goes, so that the loop has an effect the JIT must keep.
let _sink = 0;

/** z = bias + x·W, written into `out` (length outputs). */
export function logits(w: LinearWeights, x: SparseVector, out: Float64Array): void {
  const c = w.outputs;
  const kernel = w.kernel;
  for (let j = 0; j < c; j++) out[j] = w.bias[j]!;
  const ids = x.ids;
  const values = x.values;
  // The kernel is megabytes and a document touches a row per feature, each a likely cache miss.
  // A first loop with one independent load per row lets the CPU fetch many rows at once (a software
  // prefetch); the multiply-add loop below then finds them in cache.
  let touch = 0;
  for (let i = 0; i < ids.length; i++) touch += kernel[ids[i]! * c]!;
  _sink = touch;
  for (let i = 0; i < ids.length; i++) {
    const base = ids[i]! * c;
    const v = values[i]!;
    for (let j = 0; j < c; j++) out[j]! += v * kernel[base + j]!;
  }
}

/** Head activation over its block of `z`, into the same block of `p`: softmax or sigmoid. */
export function activate(head: HeadSpec, z: Float64Array, p: Float64Array): void {
  const o = head.offset;
  const k = head.labels.length;
  if (head.kind === 'sigmoid') {
    for (let j = o; j < o + k; j++) p[j] = 1 / (1 + Math.exp(-z[j]!));
    return;
  }
  let max = -Infinity;
  for (let j = o; j < o + k; j++) if (z[j]! > max) max = z[j]!;
  let sum = 0;
  for (let j = o; j < o + k; j++) {
    const e = Math.exp(z[j]! - max);
    p[j] = e;
    sum += e;
  }
  for (let j = o; j < o + k; j++) p[j]! /= sum;
}

/** Index (within the head) of the highest score. */
export function argmaxHead(head: HeadSpec, p: Float64Array): number {
  let best = 0;
  for (let j = 1; j < head.labels.length; j++) if (p[head.offset + j]! > p[head.offset + best]!) best = j;
  return best;
}

export function outputCount(heads: readonly HeadSpec[]): number {
  return heads.reduce((n, h) => Math.max(n, h.offset + h.labels.length), 0);
}
