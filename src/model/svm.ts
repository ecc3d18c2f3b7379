// Dual coordinate descent for the L2-regularized squared-hinge (L2-loss) linear SVM, the solver
// behind scikit-learn's LinearSVC (liblinear -s 1; Hsieh et al., ICML 2008), over Mizan's sparse
// tf-idf vectors. One binary problem per call; heads.ts/train.ts build one-vs-rest from it.
//
//   min_w  ½‖w‖² + Σ_i C_i · max(0, 1 − y_i w·x_i)²
//
// The dual has one variable α_i ≥ 0 per document; a coordinate step is closed-form, and w = Σ α_i y_i x_i
// is kept up to date, so a pass costs two sparse dot products per document. The bias is a constant
// feature (`biasFeature`, liblinear's intercept_scaling), regularized like every other weight.
import type { SparseVector } from '../text/types.js';

export interface SvmOptions {
  /** Misclassification cost C (per example: C · costScale[i]). */
  C: number;
  /** Stop when the projected-gradient spread max − min on the active set is under this (liblinear's eps). */
  tolerance: number;
  /** Most passes over the documents. */
  maxPasses: number;
  /** Value of the constant bias feature (1 = liblinear's intercept_scaling 1; 0 = no bias). */
  biasFeature?: number;
  /**
   * Per-bucket multipliers of the input (x_d · scale[d]), e.g. naive-Bayes log-count ratios; the
   * returned `w` already includes them (it applies to the unscaled x).
   */
  featureScale?: Float64Array;
  /** Drop documents whose α is at the bound and not about to move from the active set (liblinear's shrinking; default true). */
  shrinking?: boolean;
}

export interface BinarySvm {
  /** Dense weights over the hash buckets. */
  w: Float64Array;
  bias: number;
  passes: number;
  converged: boolean;
  /** Dual variables (0 for skipped documents). */
  alpha: Float64Array;
}

/**
 * `y[i]` is +1 or −1 (0: the document takes no part). `costScale[i]` multiplies C (class weights);
 * `rng` orders the passes, so a seed fixes the result.
 */
export function trainBinarySvm(
  xs: readonly SparseVector[],
  y: Int8Array,
  costScale: Float64Array | null,
  dims: number,
  opts: SvmOptions,
  rng: () => number,
): BinarySvm {
  const n = xs.length;
  // w holds the weights as they apply to the unscaled x (in the scaled space: w'_d · scale_d), so a
  // dot product reads one table, not two; an update then moves w_d by δ · x_d · scale_d². With a
  // scale, w_d and scale_d² sit side by side in `ws` ([w_0, scale_0², w_1, scale_1², …]): an update
  // reads both, and they then share a cache line.
  const alpha = new Float64Array(n);
  const bf = opts.biasFeature ?? 1;
  const fs = opts.featureScale;
  const scale2 = fs === undefined ? undefined : Float64Array.from(fs, (s) => s * s);
  const w = scale2 === undefined ? new Float64Array(dims) : null;
  const ws = scale2 === undefined ? null : new Float64Array(2 * dims);
  if (ws !== null) for (let d = 0; d < dims; d++) ws[2 * d + 1] = scale2![d]!;
  let wb = 0;
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  const index = new Int32Array(n);
  let active = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 0) continue;
    const c = opts.C * (costScale === null ? 1 : costScale[i]!);
    // The squared hinge has no upper bound on α; its loss enters as 1/(2C) on the diagonal.
    diag[i] = 0.5 / c;
    const { ids, values: v } = xs[i]!;
    let sq = bf * bf;
    if (scale2 === undefined) for (let k = 0; k < v.length; k++) sq += v[k]! * v[k]!;
    else for (let k = 0; k < v.length; k++) sq += v[k]! * v[k]! * scale2[ids[k]!]!;
    qd[i] = sq + diag[i]!;
    index[active++] = i;
  }
  const total = active;
  const shrinking = opts.shrinking ?? true;
  let pgMaxOld = Infinity;
  let passes = 0;
  let converged = false;
  while (passes < opts.maxPasses) {
    passes++;
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let s = 0; s < active; s++) {
      const j = s + Math.floor(rng() * (active - s));
      const t = index[s]!;
      index[s] = index[j]!;
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s]!;
      const yi = y[i]!;
      const x = xs[i]!;
      const ids = x.ids;
      const v = x.values;
      let dot = wb * bf;
      if (ws === null) for (let k = 0; k < ids.length; k++) dot += w![ids[k]!]! * v[k]!;
      else for (let k = 0; k < ids.length; k++) dot += ws[2 * ids[k]!]! * v[k]!;
      const a = alpha[i]!;
      const g = yi * dot - 1 + diag[i]! * a;
      let pg = 0;
      if (a === 0) {
        if (shrinking && g > pgMaxOld) {
          // At the bound and pushing outwards: leave it out until the final check.
          active--;
          index[s] = index[active]!;
          index[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else {
        pg = g;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const next = Math.max(a - g / qd[i]!, 0);
        const d = (next - a) * yi;
        alpha[i] = next;
        if (ws === null) for (let k = 0; k < ids.length; k++) w![ids[k]!]! += d * v[k]!;
        else
          for (let k = 0; k < ids.length; k++) {
            const at = 2 * ids[k]!;
            ws[at]! += d * v[k]! * ws[at + 1]!;
          }
        wb += d * bf;
      }
    }
    if (pgMax - pgMin <= opts.tolerance) {
      if (active === total) {
        converged = true;
        break;
      }
      // Converged on the active set: check every document once more before stopping.
      active = total;
      pgMaxOld = Infinity;
      continue;
    }
    // L2-loss: alpha has no upper bound, so only the lower bound (pgMaxOld) shrinks.
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
  }
  const weights = w ?? Float64Array.from({ length: dims }, (_, d) => ws![2 * d]!);
  return { w: weights, bias: wb * bf, passes, converged, alpha };
}

/** The primal objective ½‖w‖² + Σ C_i max(0, 1 − y_i f(x_i))² (w includes the bias weight). */
export function primalObjective(
  model: Pick<BinarySvm, 'w' | 'bias'>,
  xs: readonly SparseVector[],
  y: Int8Array,
  costScale: Float64Array | null,
  C: number,
  biasFeature = 1,
): number {
  const reg = squaredNorm(model, biasFeature);
  let loss = 0;
  for (let i = 0; i < xs.length; i++) {
    if (y[i] === 0) continue;
    const m = 1 - y[i]! * margin(model, xs[i]!);
    if (m > 0) loss += C * (costScale === null ? 1 : costScale[i]!) * m * m;
  }
  return 0.5 * reg + loss;
}

/** ‖w‖² with the bias weight (the bias divided by the constant bias feature). */
function squaredNorm(model: Pick<BinarySvm, 'w' | 'bias'>, biasFeature: number): number {
  let reg = 0;
  for (let k = 0; k < model.w.length; k++) reg += model.w[k]! * model.w[k]!;
  const wb = biasFeature === 0 ? 0 : model.bias / biasFeature;
  return reg + wb * wb;
}

export function margin(model: Pick<BinarySvm, 'w' | 'bias'>, x: SparseVector): number {
  let dot = model.bias;
  for (let k = 0; k < x.ids.length; k++) dot += model.w[x.ids[k]!]! * x.values[k]!;
  return dot;
}

/**
 * The dual objective that the coordinate steps minimize: ½‖w‖² + Σ α_i² / (4 C_i) − Σ α_i, with
 * w = Σ α_i y_i x_i (bias weight included). At the optimum it equals −(primal optimum).
 * Without a feature scale only.
 */
export function dualObjective(
  model: Pick<BinarySvm, 'w' | 'bias' | 'alpha'>,
  xs: readonly SparseVector[],
  y: Int8Array,
  costScale: Float64Array | null,
  C: number,
  biasFeature = 1,
): number {
  const reg = squaredNorm(model, biasFeature);
  let rest = 0;
  for (let i = 0; i < xs.length; i++) {
    if (y[i] === 0) continue;
    const a = model.alpha[i]!;
    rest += (a * a) / (4 * C * (costScale === null ? 1 : costScale[i]!)) - a;
  }
  return 0.5 * reg + rest;
}
