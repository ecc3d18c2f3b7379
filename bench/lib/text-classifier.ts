// A compact measurement harness for the text ablation: multinomial logistic regression over sparse
// tf-idf vectors, trained with Adagrad in plain JS. Not the product model (that is TF.js in
// src/model/); just enough to compare pipeline configurations fairly and quickly.
import type { SparseVector } from '../../src/text/types.js';

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { epochs: 6, learningRate: 0.3, l2: 1e-6, seed: 7 };

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

export class SoftmaxRegression {
  readonly w: Float32Array;
  readonly b: Float32Array;
  private readonly gw: Float32Array;
  private readonly gb: Float32Array;

  constructor(
    readonly classes: number,
    readonly dim: number,
  ) {
    this.w = new Float32Array(classes * dim);
    this.b = new Float32Array(classes);
    this.gw = new Float32Array(classes * dim);
    this.gb = new Float32Array(classes);
  }

  scores(x: SparseVector, out: Float64Array): void {
    const { ids, values } = x;
    for (let k = 0; k < this.classes; k++) {
      let s = this.b[k]!;
      const off = k * this.dim;
      for (let i = 0; i < ids.length; i++) s += this.w[off + ids[i]!]! * values[i]!;
      out[k] = s;
    }
  }

  predict(x: SparseVector): number {
    const s = new Float64Array(this.classes);
    this.scores(x, s);
    let best = 0;
    for (let k = 1; k < this.classes; k++) if (s[k]! > s[best]!) best = k;
    return best;
  }

  train(xs: SparseVector[], ys: number[], opts: TrainOptions = DEFAULT_TRAIN): void {
    const order = xs.map((_, i) => i);
    const rand = rng(opts.seed);
    const p = new Float64Array(this.classes);
    const eps = 1e-8;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      shuffle(order, rand);
      for (const n of order) {
        const x = xs[n]!;
        this.scores(x, p);
        let max = -Infinity;
        for (let k = 0; k < this.classes; k++) max = Math.max(max, p[k]!);
        let z = 0;
        for (let k = 0; k < this.classes; k++) {
          p[k] = Math.exp(p[k]! - max);
          z += p[k]!;
        }
        const { ids, values } = x;
        for (let k = 0; k < this.classes; k++) {
          const g = p[k]! / z - (ys[n] === k ? 1 : 0);
          if (Math.abs(g) < 1e-6) continue;
          this.gb[k]! += g * g;
          this.b[k]! -= (opts.learningRate * g) / Math.sqrt(this.gb[k]! + eps);
          const off = k * this.dim;
          for (let i = 0; i < ids.length; i++) {
            const j = off + ids[i]!;
            const gi = g * values[i]! + opts.l2 * this.w[j]!;
            this.gw[j]! += gi * gi;
            this.w[j]! -= (opts.learningRate * gi) / Math.sqrt(this.gw[j]! + eps);
          }
        }
      }
    }
  }
}

/** Stratified k-fold assignment (fold index per item), deterministic for a seed. */
export function stratifiedFolds(strata: string[], k: number, seed: number): number[] {
  const byStratum = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const list = byStratum.get(s) ?? [];
    list.push(i);
    byStratum.set(s, list);
  });
  const fold = new Array<number>(strata.length).fill(0);
  const rand = rng(seed);
  let next = 0;
  for (const key of [...byStratum.keys()].sort()) {
    for (const i of shuffle(byStratum.get(key)!, rand)) fold[i] = next++ % k;
  }
  return fold;
}

/** Per-class F1 from gold and predicted label indices. */
export function f1PerClass(gold: number[], pred: number[], classes: number): number[] {
  const tp = new Array<number>(classes).fill(0);
  const fp = new Array<number>(classes).fill(0);
  const fn = new Array<number>(classes).fill(0);
  gold.forEach((g, i) => {
    const p = pred[i]!;
    if (g === p) tp[g]!++;
    else {
      fp[p]!++;
      fn[g]!++;
    }
  });
  return tp.map((t, c) => (t === 0 ? 0 : (2 * t) / (2 * t + fp[c]! + fn[c]!)));
}
