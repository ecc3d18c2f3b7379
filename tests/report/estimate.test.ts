import { describe, expect, it } from 'vitest';
import { simplexLeastSquares } from '../../src/report/active-set.js';
import { estimateGroup } from '../../src/report/estimate.js';
import type { HeadConfusion } from '../../src/report/estimate.js';
import { binomial, multinomial, seededRng } from '../../src/report/random.js';

const VALUES = ['economy', 'politics', 'sports'];
// P(predicted j | true i): politics is often called economy, sports almost never confused.
const M = [
  [0.8, 0.15, 0.05],
  [0.3, 0.65, 0.05],
  [0.02, 0.03, 0.95],
];

/** A synthetic classifier with confusion M: validation counts drawn from a training mix. */
function validation(n: number, mix: number[], seed: number): HeadConfusion {
  const rng = seededRng(seed);
  const perClass = multinomial(n, mix, rng);
  return { multiLabel: false, values: VALUES, n, matrix: perClass.map((c, i) => multinomial(c, M[i]!, rng)) };
}

/** A corpus with known true shares classified by the same classifier: its predicted counts. */
function corpus(n: number, truth: number[], seed: number): number[] {
  const rng = seededRng(seed);
  const perClass = multinomial(n, truth, rng);
  const predicted = [0, 0, 0];
  perClass.forEach((c, i) => multinomial(c, M[i]!, rng).forEach((x, j) => (predicted[j]! += x)));
  return predicted;
}

const tv = (a: number[], b: number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / 2;

describe('simplexLeastSquares', () => {
  it('inverts an exact mixture', () => {
    const truth = [0.5, 0.2, 0.3];
    const q = [0, 1, 2].map((j) => truth.reduce((s, p, i) => s + p * M[i]![j]!, 0));
    const pi = simplexLeastSquares(M, q);
    pi.forEach((p, i) => expect(p).toBeCloseTo(truth[i]!, 9));
  });

  it('keeps shares on the simplex when the inverse would go negative', () => {
    // Observed shares no mixture produces: more "economy" than even all-economy would give.
    const pi = simplexLeastSquares(M, [0.95, 0.02, 0.03]);
    for (const p of pi) expect(p).toBeGreaterThanOrEqual(0);
    expect(pi.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(pi[0]).toBeCloseTo(1, 6);
  });
});

describe('estimateGroup, single-label', () => {
  const truth = [0.2, 0.5, 0.3]; // the corpus mix differs from the training mix below
  const trainMix = [0.5, 0.2, 0.3];

  it('recovers known shares that classify-and-count gets wrong', () => {
    const predicted = corpus(20_000, truth, 1);
    const confusion = validation(3000, trainMix, 2);
    const counts = { predicted, predictedArticles: 20_000, labeled: [0, 0, 0], labeledArticles: 0 };
    const acc = estimateGroup(counts, { values: VALUES, multiLabel: false, confusion, rng: seededRng(3), replicates: 400 });
    const cc = estimateGroup(counts, { values: VALUES, multiLabel: false, confusion: null, rng: seededRng(3), replicates: 400 });
    expect(acc.map((e) => e.method)).toEqual(['acc', 'acc', 'acc']);
    expect(cc.map((e) => e.method)).toEqual(['cc', 'cc', 'cc']);
    expect(acc.reduce((s, e) => s + e.share, 0)).toBeCloseTo(1, 9);
    const accErr = tv(
      acc.map((e) => e.share),
      truth,
    );
    const ccErr = tv(
      cc.map((e) => e.share),
      truth,
    );
    expect(ccErr).toBeGreaterThan(0.1); // 0.2·0.8 + 0.5·0.3 + … : economy over-counted by ~0.15
    expect(accErr).toBeLessThan(0.03);
    acc.forEach((e, i) => {
      expect(e.low).toBeLessThanOrEqual(truth[i]!);
      expect(e.high).toBeGreaterThanOrEqual(truth[i]!);
      expect(e.count).toBe(predicted[i]);
    });
  });

  it('its 95 % intervals cover the truth about 95 % of the time', () => {
    let covered = 0;
    let total = 0;
    for (let seed = 0; seed < 40; seed++) {
      const predicted = corpus(2000, truth, 100 + seed);
      const confusion = validation(800, trainMix, 200 + seed);
      const est = estimateGroup(
        { predicted, predictedArticles: 2000, labeled: [0, 0, 0], labeledArticles: 0 },
        { values: VALUES, multiLabel: false, confusion, rng: seededRng(seed), replicates: 300 },
      );
      est.forEach((e, i) => {
        total++;
        if (e.low <= truth[i]! && truth[i]! <= e.high) covered++;
      });
    }
    expect(covered / total).toBeGreaterThanOrEqual(0.88);
  });

  it('counts confirmed labels as themselves and the model for the rest', () => {
    const predicted = corpus(1000, truth, 5);
    const confusion = validation(2000, trainMix, 6);
    const labeled = [10, 0, 90];
    const est = estimateGroup(
      { predicted, predictedArticles: 1000, labeled, labeledArticles: 100 },
      { values: VALUES, multiLabel: false, confusion, rng: seededRng(1), replicates: 200 },
    );
    const modelOnly = estimateGroup(
      { predicted, predictedArticles: 1000, labeled: [0, 0, 0], labeledArticles: 0 },
      { values: VALUES, multiLabel: false, confusion, rng: seededRng(1), replicates: 200 },
    );
    est.forEach((e, i) => {
      expect(e.method).toBe('labeled+acc');
      expect(e.share).toBeCloseTo((labeled[i]! + 1000 * modelOnly[i]!.share) / 1100, 12);
      expect(e.count).toBe(labeled[i]! + predicted[i]!);
    });
  });

  it('an all-labeled group is exact', () => {
    const est = estimateGroup(
      { predicted: [0, 0, 0], predictedArticles: 0, labeled: [3, 1, 0], labeledArticles: 4 },
      { values: VALUES, multiLabel: false, confusion: validation(100, trainMix, 1), rng: seededRng(1) },
    );
    expect(est.map((e) => [e.share, e.low, e.high, e.method])).toEqual([
      [0.75, 0.75, 0.75, 'labeled'],
      [0.25, 0.25, 0.25, 'labeled'],
      [0, 0, 0, 'labeled'],
    ]);
  });
});

describe('estimateGroup, multi-label', () => {
  it('corrects each value by its true and false positive rates', () => {
    // topic a: tpr 0.9, fpr 0.1; topic b: tpr 0.6, fpr 0.05. True shares 0.3 and 0.5 (sum > 1 allowed).
    const rates = [
      [0.9, 0.1],
      [0.6, 0.05],
    ] as const;
    const truth = [0.3, 0.5];
    const rng = seededRng(9);
    const n = 50_000;
    const predicted = truth.map((t, i) => binomial(Math.round(n * t), rates[i]![0], rng) + binomial(Math.round(n * (1 - t)), rates[i]![1], rng));
    const confusion: HeadConfusion = {
      multiLabel: true,
      values: ['a', 'b'],
      n: 4000,
      binary: rates.map(
        ([tpr, fpr]) =>
          [
            [Math.round(2000 * (1 - fpr)), Math.round(2000 * fpr)],
            [Math.round(2000 * (1 - tpr)), Math.round(2000 * tpr)],
          ] as [[number, number], [number, number]],
      ),
    };
    const est = estimateGroup(
      { predicted, predictedArticles: n, labeled: [0, 0], labeledArticles: 0 },
      { values: ['a', 'b'], multiLabel: true, confusion, rng: seededRng(2), replicates: 300 },
    );
    est.forEach((e, i) => {
      expect(e.method).toBe('acc');
      expect(Math.abs(e.share - truth[i]!)).toBeLessThan(0.01);
      expect(e.low).toBeLessThanOrEqual(truth[i]!);
      expect(e.high).toBeGreaterThanOrEqual(truth[i]!);
    });
  });

  it('leaves a value whose classifier is no better than chance uncorrected', () => {
    const confusion: HeadConfusion = {
      multiLabel: true,
      values: ['a'],
      n: 200,
      binary: [
        [
          [50, 50],
          [48, 52],
        ],
      ],
    };
    const [e] = estimateGroup(
      { predicted: [40], predictedArticles: 100, labeled: [0], labeledArticles: 0 },
      { values: ['a'], multiLabel: true, confusion, rng: seededRng(1), replicates: 100 },
    );
    expect(e!.method).toBe('cc');
    expect(e!.share).toBeCloseTo(0.4, 12);
  });
});

describe('random', () => {
  it('binomial draws have the right mean and variance in every regime', () => {
    const rng = seededRng(4);
    for (const [n, p] of [
      [30, 0.3],
      [174, 0.17],
      [45, 0.5],
      [1000, 0.004],
      [5000, 0.4],
      [200, 0.97],
    ] as const) {
      const xs = Array.from({ length: 4000 }, () => binomial(n, p, rng));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / xs.length) + 1e-9);
      expect(v / (n * p * (1 - p))).toBeGreaterThan(0.85);
      expect(v / (n * p * (1 - p))).toBeLessThan(1.15);
    }
  });
});
