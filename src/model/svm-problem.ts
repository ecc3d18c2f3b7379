// One head's one-vs-rest SVM problem in shared memory, so that its classes can be solved on several
// threads (svm-parallel.ts) from one copy of the documents. A class is one job: its ±1 targets, and
// a seed of its own, so a class's weights do not depend on which thread solves it or in what order.
import { threadId } from 'node:worker_threads';
import type { SparseVector } from '../text/types.js';
import { mulberry32 } from './train/splits.js';
import type { SvmHeadOptions } from './svm-heads.js';
import { margin, trainBinarySvm } from './svm.js';
import { packRows, unpackRows } from './sparse-rows.js';

const NO_ENTRIES: SparseVector = { ids: new Uint32Array(0), values: new Float32Array(0) };

/** Everything a thread needs, all of it views over SharedArrayBuffers (structured-clone safe). */
export interface SvmProblem {
  /** Documents as CSR: document i is offsets[i] … offsets[i + 1] of ids / values. */
  offsets: Int32Array;
  ids: Uint32Array;
  values: Float32Array;
  dims: number;
  /** Per job, the documents' targets (+1 / −1), job-major: [jobs × documents]. */
  y: Int8Array;
  /** Per job, the seed of its pass order. */
  seeds: Uint32Array;
  settings: SvmHeadOptions;
  /** Whether a job sums its loss over the documents (one more pass over them) or leaves NaN. */
  loss: boolean;
  /** Per job, its weights over the buckets: [jobs × dims]. */
  w: Float64Array;
  /** Per job: bias, passes, converged (0/1), summed squared hinge loss, the solving thread's id. */
  stats: Float64Array;
  /** [next job to claim, jobs done, jobs failed]. */
  control: Int32Array;
}

export const NEXT = 0;
export const DONE = 1;
export const FAILED = 2;
const STATS = 5;

function shared<T>(make: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new make(new SharedArrayBuffer(Math.max(8, bytes)));
}

/**
 * The problem of `xs` with one job per row of `targets` (+1 / −1 per document). Without `share`, the
 * documents are not copied (only the calling thread will read them, from `xs`).
 */
export function buildProblem(o: {
  xs: readonly SparseVector[];
  targets: readonly Int8Array[];
  seeds: readonly number[];
  dims: number;
  settings: SvmHeadOptions;
  share: boolean;
  loss?: boolean | undefined;
}): SvmProblem {
  const n = o.xs.length;
  // Not shared: n + 1 zero offsets and no entries.
  const docs = packRows(o.share ? o.xs : Array.from({ length: n }, () => NO_ENTRIES), 'shared');
  const jobs = o.targets.length;
  const y = shared(Int8Array, jobs * n);
  o.targets.forEach((t, j) => y.set(t, j * n));
  return {
    ...docs,
    dims: o.dims,
    y,
    seeds: fillFrom(shared(Uint32Array, jobs * 4), o.seeds),
    settings: o.settings,
    loss: o.loss ?? true,
    w: shared(Float64Array, jobs * o.dims * 8),
    stats: shared(Float64Array, jobs * STATS * 8),
    control: shared(Int32Array, 3 * 4),
  };
}

function fillFrom(into: Uint32Array, from: readonly number[]): Uint32Array {
  from.forEach((v, j) => (into[j] = v >>> 0));
  return into;
}

function jobCount(p: SvmProblem): number {
  return p.seeds.length;
}

/** The documents as sparse vectors (views, nothing copied). */
export function documentsOf(p: SvmProblem): SparseVector[] {
  return unpackRows(p);
}

/** Solves job `j` into its slice of `w` and `stats`. */
export function solveJob(p: SvmProblem, xs: readonly SparseVector[], j: number): void {
  const n = xs.length;
  const { settings: s, dims } = p;
  const y = p.y.subarray(j * n, (j + 1) * n);
  let pos = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) pos++;
  const neg = n - pos;
  const wp = s.classWeightPower === 0 || neg === 0 || pos === 0 ? 1 : (neg / pos) ** s.classWeightPower;
  const scale = wp === 1 ? null : Float64Array.from(y, (v) => (v === 1 ? wp : 1));
  // Counted from the documents' frequencies only with a whole α: then α + count is exact whichever
  // way it is summed (see nbRatios).
  const df = Number.isInteger(s.nbAlpha) ? documentFrequencies(xs, dims) : undefined;
  const featureScale = s.nbAlpha > 0 ? nbRatios(xs, y, dims, s.nbAlpha, df) : undefined;
  const m = trainBinarySvm(
    xs,
    y,
    scale,
    dims,
    { C: s.C, tolerance: s.tolerance, maxPasses: s.maxPasses, ...(featureScale !== undefined ? { featureScale } : {}) },
    mulberry32(p.seeds[j]!),
  );
  let loss = p.loss ? 0 : NaN;
  for (let i = 0; p.loss && i < n; i++) {
    const slack = 1 - y[i]! * margin(m, xs[i]!);
    if (slack > 0) loss += slack * slack;
  }
  p.w.set(m.w, j * dims);
  p.stats.set([m.bias, m.passes, m.converged ? 1 : 0, loss, threadId], j * STATS);
}

/**
 * Claims and solves jobs until none is left (every thread, the caller's included, runs this). A job
 * that throws counts as failed and done, so no thread waits for it; the first such error is
 * returned, for the calling thread to rethrow as it is.
 */
export function workOn(p: SvmProblem, xs: readonly SparseVector[]): Error | undefined {
  const jobs = jobCount(p);
  let failure: Error | undefined;
  for (;;) {
    const j = Atomics.add(p.control, NEXT, 1);
    if (j >= jobs) return failure;
    try {
      solveJob(p, xs, j);
    } catch (e) {
      failure ??= e instanceof Error ? e : new Error(String(e));
      Atomics.add(p.control, FAILED, 1);
    }
    Atomics.add(p.control, DONE, 1);
    Atomics.notify(p.control, DONE);
  }
}

export function jobStats(p: SvmProblem, j: number): { bias: number; passes: number; converged: boolean; loss: number; thread: number } {
  const at = j * STATS;
  return { bias: p.stats[at]!, passes: p.stats[at + 1]!, converged: p.stats[at + 2] === 1, loss: p.stats[at + 3]!, thread: p.stats[at + 4]! };
}

// Per thread, the documents' frequencies of the problem it works on: every class's ratios need them.
const frequencies = new WeakMap<readonly SparseVector[], Uint32Array>();

/** Per bucket, the documents containing it (with a positive value): counted once per thread. */
export function documentFrequencies(xs: readonly SparseVector[], dims: number): Uint32Array {
  let df = frequencies.get(xs);
  if (df === undefined) {
    df = new Uint32Array(dims);
    for (const x of xs) for (let k = 0; k < x.ids.length; k++) if (x.values[k]! > 0) df[x.ids[k]!]!++;
    frequencies.set(xs, df);
  }
  return df;
}

/**
 * r_d = log((p_d / ‖p‖₁) / (q_d / ‖q‖₁)), p_d = α + positives containing d, q_d = α + negatives
 * containing d. With the documents' frequencies `df`, only the positives are read (q_d's count is
 * df_d minus p_d's). Counting one by one onto α and adding the count to α give the same p_d and q_d
 * when α is whole (every sum exact); for another α the last bit may differ.
 */
export function nbRatios(xs: readonly SparseVector[], y: Int8Array, dims: number, alpha: number, df?: Uint32Array): Float64Array {
  const p = new Float64Array(dims).fill(alpha);
  const q = new Float64Array(dims).fill(alpha);
  if (df === undefined) {
    xs.forEach((x, n) => {
      const t = y[n] === 1 ? p : q;
      for (let k = 0; k < x.ids.length; k++) if (x.values[k]! > 0) t[x.ids[k]!]!++;
    });
  } else {
    const pos = new Uint32Array(dims);
    xs.forEach((x, n) => {
      if (y[n] !== 1) return;
      for (let k = 0; k < x.ids.length; k++) if (x.values[k]! > 0) pos[x.ids[k]!]!++;
    });
    for (let d = 0; d < dims; d++) {
      p[d]! += pos[d]!;
      q[d]! += df[d]! - pos[d]!;
    }
  }
  let sp = 0;
  let sq = 0;
  for (let d = 0; d < dims; d++) {
    sp += p[d]!;
    sq += q[d]!;
  }
  const r = new Float64Array(dims);
  for (let d = 0; d < dims; d++) r[d] = Math.log(p[d]! / sp / (q[d]! / sq));
  return r;
}
