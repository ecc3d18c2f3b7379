import { describe, expect, it } from 'vitest';
import { AffineReplicates } from '../../src/report/affine.js';
import { simplexLeastSquares } from '../../src/report/active-set.js';
import { estimateGroup, resampledConfusions, rowRates } from '../../src/report/estimate.js';
import type { HeadConfusion } from '../../src/report/estimate.js';
import { seededRng } from '../../src/report/random.js';

const VALUES = ['economy', 'politics', 'sports'];
const CONFUSION: HeadConfusion = {
  multiLabel: false,
  values: VALUES,
  n: 600,
  matrix: [
    [160, 30, 10],
    [60, 130, 10],
    [4, 6, 190],
  ],
};

describe('AffineReplicates', () => {
  it('gives the active-set solution of each replicate, inside the simplex and outside it', () => {
    const confusions = resampledConfusions(CONFUSION, 20, seededRng(3));
    const solver = new AffineReplicates(confusions, 3);
    const cases = [
      [500, 300, 200], // interior
      [900, 50, 50], // economy over-predicted beyond what M explains: politics goes to 0
      [0, 0, 1000],
    ];
    confusions.forEach((c, b) => {
      for (const counts of cases) {
        const q = counts.map((x) => x / 1000);
        const expected = simplexLeastSquares(rowRates(c.matrix!), q);
        const got = solver.solve(b, Float64Array.from(counts));
        got.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 9));
        expect(got.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
      }
    });
  });

  it('gives estimateGroup the same estimates and intervals as the general path', () => {
    const replicates = 300;
    const confusionReplicates = resampledConfusions(CONFUSION, replicates, seededRng(5));
    const counts = { predicted: [420, 330, 250], predictedArticles: 1000, labeled: [3, 1, 0], labeledArticles: 4 };
    const base = { values: VALUES, multiLabel: false, confusion: CONFUSION, replicates, confusionReplicates };
    const general = estimateGroup(counts, { ...base, rng: seededRng(9) });
    const fast = estimateGroup(counts, { ...base, affineReplicates: new AffineReplicates(confusionReplicates, 3), rng: seededRng(9) });
    fast.forEach((e, i) => {
      expect(e.share).toBeCloseTo(general[i]!.share, 9);
      expect(e.low).toBeCloseTo(general[i]!.low, 9);
      expect(e.high).toBeCloseTo(general[i]!.high, 9);
      expect(e.method).toBe(general[i]!.method);
    });
  });
});
