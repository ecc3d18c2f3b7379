// The Adagrad epoch's working layout (sgd.ts): each kernel row next to its Adagrad accumulator, in
// rows padded to 8 or a multiple of 16 floats of page-aligned memory ([accumulator, kernel row,
// padding], packed.ts's stride). A document's feature then costs one cache line where the flat
// [buckets × outputs] kernel and the separate accumulator table cost two or three, and the
// document's rows are what its logits, its gradient step and its accumulator all read.
//
// The arithmetic is that of the flat loops in sgd.ts, operation for operation: the same float64
// sums in the same order, the accumulator's unrounded sum in the step and its float32 rounding
// stored, so the weights come out bit for bit the same (tests/model/sgd.test.ts).
import type { SparseVector } from '../text/types.js';
import { strideFor } from './packed.js';

export interface RowLayout {
  buckets: number;
  outputs: number;
  /** Floats per bucket: [accumulator, kernel row (outputs), padding]. */
  stride: number;
  rows: Float32Array;
}

const PAGE = 65536;

// The project's type libraries do not declare the WebAssembly global; Node 20 has it.
const wasm = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => { buffer: ArrayBuffer } } }).WebAssembly;

/** Page-aligned floats (an ArrayBuffer of that size is only 16-byte aligned: rows would straddle lines). */
function alignedFloats(length: number): Float32Array {
  const pages = Math.max(1, Math.ceil((length * 4) / PAGE));
  return new Float32Array(new wasm.Memory({ initial: pages, maximum: pages }).buffer, 0, length);
}

/** Layouts above this size are not built (the epoch keeps to the flat loops). */
const MAX_BYTES = 2 ** 31;

/** A zeroed layout for `buckets` rows of `outputs` columns (null when it would be over 2 GB). */
export function rowLayout(buckets: number, outputs: number): RowLayout | null {
  const stride = strideFor(outputs);
  if (buckets * stride * 4 > MAX_BYTES) return null;
  return { buckets, outputs, stride, rows: alignedFloats(buckets * stride) };
}

/** Copies the flat kernel and accumulators into the layout. */
export function packRows(l: RowLayout, kernel: Float32Array, acc: Float32Array): void {
  const { buckets, outputs: c, stride: S, rows } = l;
  for (let r = 0; r < buckets; r++) {
    const at = r * S;
    rows[at] = acc[r]!;
    for (let j = 0; j < c; j++) rows[at + 1 + j] = kernel[r * c + j]!;
  }
}

/** Copies the layout back into the flat kernel and accumulators. */
export function unpackRows(l: RowLayout, kernel: Float32Array, acc: Float32Array): void {
  const { buckets, outputs: c, stride: S, rows } = l;
  for (let r = 0; r < buckets; r++) {
    const at = r * S;
    acc[r] = rows[at]!;
    for (let j = 0; j < c; j++) kernel[r * c + j] = rows[at + 1 + j]!;
  }
}

/** z = bias + x·W over the layout's rows, into `out`. */
export type RowLogits = (rows: Float32Array, S: number, x: SparseVector, bias: Float32Array, out: Float64Array) => void;

/**
 * One document's step on every column: per feature, the row's gradient g·v + l2·w, its mean square
 * added to the accumulator, and the row moved by lr / (√acc + eps) times the gradient.
 */
export type RowStep = (rows: Float32Array, S: number, x: SparseVector, g: Float64Array, lr: number, l2: number, eps: number) => void;

const logitsCache = new Map<number, RowLogits>();
const stepCache = new Map<number, RowStep>();

/** Up to this many outputs the loops are generated unrolled; beyond, plain loops. */
const MAX_UNROLLED = 32;

/** Generated for the output count, so V8 keeps one accumulator per output in a register. */
export function rowLogits(c: number): RowLogits {
  let f = logitsCache.get(c);
  if (f === undefined && c > MAX_UNROLLED) f = logitsLoop;
  if (f === undefined) {
    // No prefetch loop as in linear.ts: with a feature's row in one cache line, it measured no
    // faster than without.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    f = new Function(
      'rows',
      'S',
      'x',
      'bias',
      'out',
      `const ids = x.ids; const values = x.values; const n = ids.length;
      ${js(c, (j) => `let z${j} = bias[${j}];`)}
      for (let i = 0; i < n; i++) {
        const b = ids[i] * S + 1;
        const v = values[i];
        ${js(c, (j) => `z${j} += v * rows[b + ${j}];`)}
      }
      ${js(c, (j) => `out[${j}] = z${j};`)}`,
    ) as RowLogits;
    logitsCache.set(c, f);
  }
  return f;
}

/** Generated like rowLogits: the row's gradient stays in registers between the two uses. */
export function rowStep(c: number): RowStep {
  let f = stepCache.get(c);
  if (f === undefined && c > MAX_UNROLLED) f = stepLoop(c);
  if (f === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    f = new Function(
      'rows',
      'S',
      'x',
      'g',
      'lr',
      'l2',
      'eps',
      `const ids = x.ids; const values = x.values; const n = ids.length;
      ${js(c, (j) => `const g${j} = g[${j}];`)}
      for (let i = 0; i < n; i++) {
        const a = ids[i] * S;
        const v = values[i];
        ${js(c, (j) => `const r${j} = g${j} * v + l2 * rows[a + ${j + 1}];`)}
        let sq = 0;
        ${js(c, (j) => `sq += r${j} * r${j};`)}
        const acc = rows[a] + sq / ${c};
        rows[a] = acc;
        const step = lr / (Math.sqrt(acc) + eps);
        ${js(c, (j) => `rows[a + ${j + 1}] -= step * r${j};`)}
      }`,
    ) as RowStep;
    stepCache.set(c, f);
  }
  return f;
}

/** The same step on some columns only (`cols[0 … ncols − 1]`, the heads a document has labels for). */
export function rowStepColumns(
  l: RowLayout,
  x: SparseVector,
  g: Float64Array,
  cols: Int32Array,
  ncols: number,
  o: { lr: number; l2: number; eps: number },
): void {
  const { rows, stride: S } = l;
  const { lr, l2, eps } = o;
  const ids = x.ids;
  const values = x.values;
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i]! * S;
    const base = a + 1;
    const v = values[i]!;
    let sq = 0;
    for (let q = 0; q < ncols; q++) {
      const j = cols[q]!;
      const grad = g[j]! * v + l2 * rows[base + j]!;
      sq += grad * grad;
    }
    const acc = rows[a]! + sq / ncols;
    rows[a] = acc;
    const step = lr / (Math.sqrt(acc) + eps);
    for (let q = 0; q < ncols; q++) {
      const j = cols[q]!;
      rows[base + j]! -= step * (g[j]! * v + l2 * rows[base + j]!);
    }
  }
}

function logitsLoop(rows: Float32Array, S: number, x: SparseVector, bias: Float32Array, out: Float64Array): void {
  const c = bias.length;
  const ids = x.ids;
  const values = x.values;
  for (let j = 0; j < c; j++) out[j] = bias[j]!;
  for (let i = 0; i < ids.length; i++) {
    const b = ids[i]! * S + 1;
    const v = values[i]!;
    for (let j = 0; j < c; j++) out[j]! += v * rows[b + j]!;
  }
}

function stepLoop(c: number): RowStep {
  const all = Int32Array.from({ length: c }, (_, j) => j);
  return (rows, S, x, g, lr, l2, eps) => rowStepColumns({ buckets: 0, outputs: c, stride: S, rows }, x, g, all, c, { lr, l2, eps });
}

function js(c: number, f: (j: number) => string): string {
  return Array.from({ length: c }, (_, j) => f(j)).join('\n');
}
