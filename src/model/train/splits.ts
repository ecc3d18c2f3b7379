// Which examples train and which validate: a stratified hold-out split or k stratified folds, and
// the one seeded generator every random choice of a run draws from (split, folds, shuffles).
import type { TrainingExample } from '../types.js';

/** The stratum of an example: its topic set and its stance values, so rare combinations spread evenly. */
export function stratum(ex: TrainingExample): string {
  const stance = Object.entries(ex.stance ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${(ex.topics ?? ['-']).join('|')}#${stance.map(([t, v]) => `${t}=${v}`).join(',')}`;
}

function groups(strata: readonly string[], rng: () => number): number[][] {
  const by = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const g = by.get(s);
    if (g === undefined) by.set(s, [i]);
    else g.push(i);
  });
  const keys = [...by.keys()].sort();
  return keys.map((k) => {
    const g = Int32Array.from(by.get(k)!);
    shuffle(g, rng);
    return Array.from(g);
  });
}

export function stratifiedSplit(strata: readonly string[], fraction: number, rng: () => number): { train: number[]; val: number[] } {
  const train: number[] = [];
  const val: number[] = [];
  // Carrying the rounding remainder across strata keeps the overall fraction right even when
  // every stratum is small.
  let carry = 0;
  for (const g of groups(strata, rng)) {
    const exact = g.length * fraction + carry;
    let take = Math.floor(exact);
    // Keep one example of each stratum for training, except strata of one (multi-label topic sets
    // are often unique): those go to validation when their turn comes, or it would stay empty.
    if (take >= g.length && g.length > 1) take = g.length - 1;
    carry = exact - Math.floor(exact);
    val.push(...g.slice(0, Math.max(0, take)));
    train.push(...g.slice(Math.max(0, take)));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/** Fold of each example, 0 … k-1, dealt round-robin through the shuffled strata. */
export function stratifiedFolds(strata: readonly string[], k: number, rng: () => number): Int32Array {
  const fold = new Int32Array(strata.length);
  let next = 0;
  for (const g of groups(strata, rng)) {
    for (const i of g) fold[i] = next++ % k;
  }
  return fold;
}

export function indices(fold: Int32Array, keep: (f: number) => boolean): number[] {
  const out: number[] = [];
  fold.forEach((f, i) => {
    if (keep(f)) out.push(i);
  });
  return out;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
