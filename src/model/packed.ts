// The inference layout of a linear model, built once per model when it is first used to predict
// (the saved artifact is unchanged). A document touches one kernel row per feature (~2,500 per 2 KB
// article) and, for the tf-idf weights, the idf of the same buckets: two scattered loads per feature,
// each likely a cache miss in multi-megabyte arrays. Here every bucket's idf sits right before its
// kernel row, in rows padded to 8 or a multiple of 16 floats (32 or 64·k bytes) in page-aligned
// memory, so one feature costs one cache line, and tf-idf weighting, the L2 norm and the dot product
// run as one fused pass over the document's features.
//
// The numbers are those of the reference path `logits(weights, weigh(raw, idf), z)` bit for bit: the
// same float32 roundings of the weighted values, the same float64 sums in the same (ascending id)
// order; tests/model/packed.test.ts checks it on real texts.
//
// The memory is a SharedArrayBuffer (a shared WebAssembly.Memory, the portable way to get
// page-aligned memory in JS), so prediction threads (predict-pool.ts) read the same rows without a copy.
import type { SparseVector } from '../text/types.js';
import type { LinearWeights } from './linear.js';
import { weigh } from './vectorize.js';

export interface PackedLayout {
  buckets: number;
  outputs: number;
  /** Floats per bucket: [idf, kernel row (outputs), padding]. */
  stride: number;
  /** [buckets × stride] over shared memory. */
  rows: Float32Array;
  /** The idf table alone (shared memory too), for the word+char path that weighs blocks separately. */
  idf: Float32Array;
  bias: Float64Array;
}

/** Packed layouts above this size are not built (prediction falls back to the reference path). */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;

export function strideFor(outputs: number): number {
  return outputs + 1 <= 8 ? 8 : Math.ceil((outputs + 1) / 16) * 16;
}

// The project's type libraries do not declare the WebAssembly global; Node 20 has it.
const wasm = (
  globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number; shared: boolean }) => { buffer: SharedArrayBuffer } } }
).WebAssembly;

function sharedFloats(length: number): Float32Array {
  const pages = Math.max(1, Math.ceil((length * 4) / PAGE));
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  return new Float32Array(memory.buffer, 0, length);
}

/** Packs `weights` and `idf` (null when the layout would be over 2 GB). */
export function packLayout(weights: LinearWeights, idf: Float32Array): PackedLayout | null {
  const { buckets, outputs, kernel } = weights;
  const stride = strideFor(outputs);
  if (buckets * stride * 4 > MAX_BYTES) return null;
  const rows = sharedFloats(buckets * stride);
  for (let r = 0; r < buckets; r++) {
    const at = r * stride;
    rows[at] = idf[r] ?? 1;
    rows.set(kernel.subarray(r * outputs, r * outputs + outputs), at + 1);
  }
  const sharedIdf = sharedFloats(buckets);
  sharedIdf.set(idf.subarray(0, buckets));
  sharedIdf.fill(1, Math.min(idf.length, buckets)); // weigh() reads a missing idf as 1
  return { buckets, outputs, stride, rows, idf: sharedIdf, bias: Float64Array.from(weights.bias) };
}

/** A layout rebuilt from its shared memory in another thread (nothing copied but the bias). */
export function layoutFrom(l: PackedLayout): PackedLayout {
  return { buckets: l.buckets, outputs: l.outputs, stride: l.stride, rows: l.rows, idf: l.idf, bias: l.bias };
}

let scratch = new Float32Array(1 << 12);

/**
 * z = bias + weigh([x], idf)·W for one raw (tf) block `x`, ids strictly ascending, into `out`.
 * Fused: the first pass reads each feature's idf (which brings its whole row into cache, overlapping
 * the misses as the old "touch" loop did) and the norm; the second multiplies the rows.
 */
export function scoreRaw(l: PackedLayout, x: SparseVector, out: Float64Array): void {
  const S = l.stride;
  const c = l.outputs;
  const rows = l.rows;
  const ids = x.ids;
  const tf = x.values;
  const n = ids.length;
  if (scratch.length < n) scratch = new Float32Array(Math.max(n, scratch.length * 2));
  const w = scratch;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = tf[i]! * rows[ids[i]! * S]!;
    w[i] = v; // float32, as weigh() stores it; the norm sums the unrounded products, as weigh() does
    sq += v * v;
  }
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 1;
  accumulator(c)(rows, S, ids, w, n, inv, l.bias, out);
}

/**
 * out = bias + Σ_i fround(w[i]·inv) · row(ids[i]): the multiply-add pass. For up to 32 outputs it
 * is generated with one local accumulator per output, fully unrolled (no typed-array store per
 * feature and output: ~1.5× faster than the loop); the sums are the same float64 operations in the
 * same order as the loop, so the results are identical.
 */
type Accumulate = (
  rows: Float32Array,
  stride: number,
  ids: Uint32Array,
  w: Float32Array,
  n: number,
  inv: number,
  bias: Float64Array,
  out: Float64Array,
) => void;

const accumulators = new Map<number, Accumulate>();

function accumulator(c: number): Accumulate {
  let f = accumulators.get(c);
  if (f === undefined) {
    f = c <= 32 ? unrolled(c) : accumulateLoop;
    accumulators.set(c, f);
  }
  return f;
}

function accumulateLoop(rows: Float32Array, S: number, ids: Uint32Array, w: Float32Array, n: number, inv: number, bias: Float64Array, out: Float64Array): void {
  const c = bias.length;
  for (let j = 0; j < c; j++) out[j] = bias[j]!;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue; // idf 0 (min_df): adds nothing
    const v = Math.fround(wi * inv);
    const base = ids[i]! * S + 1;
    for (let j = 0; j < c; j++) out[j]! += v * rows[base + j]!;
  }
}

function unrolled(c: number): Accumulate {
  const js = (f: (j: number) => string, sep: string) => Array.from({ length: c }, (_, j) => f(j)).join(sep);
  const body = `
    ${js((j) => `let z${j} = bias[${j}];`, ' ')}
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      if (wi === 0) continue;
      const v = Math.fround(wi * inv);
      const b = ids[i] * S + 1;
      ${js((j) => `z${j} += v * rows[b + ${j}];`, ' ')}
    }
    ${js((j) => `out[${j}] = z${j};`, ' ')}`;
  // Code generated for the model's output count, so V8 keeps the accumulators in registers.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('rows', 'S', 'ids', 'w', 'n', 'inv', 'bias', 'out', body) as Accumulate;
}

/** z = bias + x·W for an already weighted vector (the word+char path, explanations). */
export function scoreWeighted(l: PackedLayout, x: SparseVector, out: Float64Array): void {
  accumulator(l.outputs)(l.rows, l.stride, x.ids, x.values, x.ids.length, 1, l.bias, out);
}

/** The weighted vector and logits of raw blocks; returns the weighted vector only when asked (explain). */
export function score(l: PackedLayout, parts: readonly SparseVector[], out: Float64Array, wantVector: boolean): SparseVector | null {
  if (parts.length === 1 && !wantVector) {
    scoreRaw(l, parts[0]!, out);
    return null;
  }
  const x = weigh(parts, l.idf);
  scoreWeighted(l, x, out);
  return x;
}

/** Kernel entry (bucket, output) read from the packed rows. */
export function kernelAt(l: PackedLayout, bucket: number, output: number): number {
  return l.rows[bucket * l.stride + 1 + output]!;
}
