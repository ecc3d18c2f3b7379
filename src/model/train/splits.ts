// Which examples train and which validate: a stratified hold-out split or k stratified folds, with
// near-duplicate groups kept on one side, and the one seeded generator every random choice of a
// run draws from (split, folds, shuffles).
import type { TrainingExample } from '../types.js';

/** The stratum of an example: its topic set and its stance values, so rare combinations spread evenly. */
export function stratum(ex: TrainingExample): string {
  const stance = Object.entries(ex.stance ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${(ex.topics ?? ['-']).join('|')}#${stance.map(([t, v]) => `${t}=${v}`).join(',')}`;
}

/**
 * The units a split moves as a whole: one example, or every example of a near-duplicate group (so a
 * copy of a validation article never sits in training). Per stratum (sorted), the units in a seeded
 * random order; a unit's stratum is its members' most common one (ties: the first in sort order).
 */
function strataUnits(strata: readonly string[], rng: () => number, groupOf?: readonly (string | undefined)[]): number[][][] {
  const units: number[][] = [];
  const byGroup = new Map<string, number[]>();
  strata.forEach((_, i) => {
    const g = groupOf?.[i];
    if (g === undefined) return void units.push([i]);
    const members = byGroup.get(g);
    if (members !== undefined) return void members.push(i);
    const fresh = [i];
    byGroup.set(g, fresh);
    units.push(fresh);
  });
  const by = new Map<string, number[][]>();
  for (const u of units) {
    const s = unitStratum(u, strata);
    const list = by.get(s);
    if (list === undefined) by.set(s, [u]);
    else list.push(u);
  }
  return [...by.keys()].sort().map((k) => {
    const list = by.get(k)!;
    const order = Int32Array.from(list.keys());
    shuffle(order, rng);
    return Array.from(order, (j) => list[j]!);
  });
}

function unitStratum(members: readonly number[], strata: readonly string[]): string {
  if (members.length === 1) return strata[members[0]!]!;
  const count = new Map<string, number>();
  for (const i of members) count.set(strata[i]!, (count.get(strata[i]!) ?? 0) + 1);
  return [...count.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
}

const size = (units: readonly number[][]): number => units.reduce((n, u) => n + u.length, 0);

/** About `fraction` of the examples of each stratum into `val`; a group never straddles the two. */
export function stratifiedSplit(
  strata: readonly string[],
  fraction: number,
  rng: () => number,
  groupOf?: readonly (string | undefined)[],
): { train: number[]; val: number[] } {
  const train: number[] = [];
  const val: number[] = [];
  // Carrying the rounding remainder across strata keeps the overall fraction right even when
  // every stratum is small.
  let carry = 0;
  for (const units of strataUnits(strata, rng, groupOf)) {
    const exact = size(units) * fraction + carry;
    let take = 0;
    let taken = 0;
    while (take < units.length && taken + units[take]!.length <= exact) taken += units[take++]!.length;
    // Keep one unit of each stratum for training, except strata of one (multi-label topic sets
    // are often unique): those go to validation when their turn comes, or it would stay empty.
    if (take >= units.length && units.length > 1) taken -= units[--take]!.length;
    carry = exact - taken;
    for (const u of units.slice(0, take)) val.push(...u);
    for (const u of units.slice(take)) train.push(...u);
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/**
 * Fold of each example, 0 … k-1: through the shuffled strata, each unit (largest first) goes to
 * the fold with the fewest examples of its stratum, then the fewest examples, then the next in turn
 * (round-robin when every unit is one example). A group's examples share a fold.
 */
export function stratifiedFolds(strata: readonly string[], k: number, rng: () => number, groupOf?: readonly (string | undefined)[]): Int32Array {
  const fold = new Int32Array(strata.length);
  const total = new Array<number>(k).fill(0);
  let next = 0;
  for (const units of strataUnits(strata, rng, groupOf)) {
    const here = new Array<number>(k).fill(0);
    // Largest units first balance best; the sort is stable, so units of one keep their random order.
    for (const u of [...units].sort((a, b) => b.length - a.length)) {
      let best = next % k;
      for (let d = 1; d < k; d++) {
        const f = (next + d) % k;
        if (here[f]! < here[best]! || (here[f] === here[best] && total[f]! < total[best]!)) best = f;
      }
      for (const i of u) fold[i] = best;
      here[best]! += u.length;
      total[best]! += u.length;
      next = best + 1;
    }
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
