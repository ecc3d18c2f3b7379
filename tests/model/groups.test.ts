// Near-duplicate groups never straddle the validation split or the folds.
import { describe, expect, it } from 'vitest';
import { mulberry32, stratifiedSplit, trainModel } from '../../src/model/train.js';
import { stratifiedFolds } from '../../src/model/train/splits.js';
import type { TrainingExample } from '../../src/model/types.js';
import { TOY_SPEC, toyCorpus } from './toy.js';

/** 400 examples over 4 strata; 60 % of them in groups of 2-7 (a group mostly of one stratum). */
function grouped(): { strata: string[]; groupOf: (string | undefined)[] } {
  const rng = mulberry32(11);
  const strata: string[] = [];
  const groupOf: (string | undefined)[] = [];
  let g = 0;
  while (strata.length < 400) {
    const s = `s${Math.floor(rng() * 4)}`;
    if (rng() < 0.4) {
      strata.push(s);
      groupOf.push(undefined);
      continue;
    }
    const n = 2 + Math.floor(rng() * 6);
    for (let j = 0; j < n; j++) {
      strata.push(rng() < 0.8 ? s : `s${Math.floor(rng() * 4)}`);
      groupOf.push(`g${g}`);
    }
    g++;
  }
  return { strata, groupOf };
}

const sideOf = (groupOf: (string | undefined)[], side: (i: number) => number): Map<string, Set<number>> => {
  const by = new Map<string, Set<number>>();
  groupOf.forEach((g, i) => {
    if (g === undefined) return;
    if (!by.has(g)) by.set(g, new Set());
    by.get(g)!.add(side(i));
  });
  return by;
};

describe('near-duplicate groups in splits', () => {
  it('the validation split keeps each group on one side, near the fraction and stratified', () => {
    const { strata, groupOf } = grouped();
    for (const seed of [1, 2, 3]) {
      const { train, val } = stratifiedSplit(strata, 0.2, mulberry32(seed), groupOf);
      expect([...train, ...val].sort((a, b) => a - b)).toEqual(strata.map((_, i) => i));
      const inVal = new Set(val);
      for (const sides of sideOf(groupOf, (i) => (inVal.has(i) ? 1 : 0)).values()) expect(sides.size).toBe(1);
      expect(val.length).toBeGreaterThan(0.15 * strata.length);
      expect(val.length).toBeLessThan(0.25 * strata.length);
      for (const s of ['s0', 's1', 's2', 's3']) expect(val.some((i) => strata[i] === s)).toBe(true);
    }
  });

  it('the folds keep each group in one fold and stay balanced', () => {
    const { strata, groupOf } = grouped();
    const fold = stratifiedFolds(strata, 5, mulberry32(4), groupOf);
    for (const folds of sideOf(groupOf, (i) => fold[i]!).values()) expect(folds.size).toBe(1);
    const sizes = [0, 1, 2, 3, 4].map((f) => fold.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(8);
  });

  it('groups of one change nothing: same split and folds as without groups', () => {
    const { strata } = grouped();
    const unique = strata.map((_, i) => `u${i}`);
    expect(stratifiedSplit(strata, 0.2, mulberry32(5), unique)).toEqual(stratifiedSplit(strata, 0.2, mulberry32(5)));
    expect(stratifiedFolds(strata, 5, mulberry32(6), unique)).toEqual(stratifiedFolds(strata, 5, mulberry32(6)));
  });

  it('trainModel validates on whole groups: a copy of a validation article is not trained on', async () => {
    // Each toy sentence appears twice (a near-duplicate with a suffix), both copies in one group.
    const data: TrainingExample[] = toyCorpus().flatMap((ex) => [
      { id: ex.id, text: ex.text, topics: ex.topics!, stance: ex.stance!, group: ex.id },
      { id: `${ex.id}-copy`, text: `${ex.text} (نسخة)`, topics: ex.topics!, stance: ex.stance!, group: ex.id },
    ]);
    const { report } = await trainModel(data, TOY_SPEC, { seed: 1, epochs: 3, validationFraction: 0.25, hashBits: 12 });
    expect(report.validationSize % 2).toBe(0);
    const folds = await trainModel(data, TOY_SPEC, { seed: 1, epochs: 3, validationFraction: 0.25, hashBits: 12, folds: 3 });
    expect(folds.report.folds!.every((f) => f.validationSize % 2 === 0)).toBe(true);
  });
});
