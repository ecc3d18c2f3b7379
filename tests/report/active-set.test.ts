import { describe, expect, it } from 'vitest';
import { ActiveSetSolver } from '../../src/report/active-set.js';
import { invertKkt, resampledConfusions, rowRates, simplexLeastSquares } from '../../src/report/estimate.js';
import type { HeadConfusion } from '../../src/report/estimate.js';
import { multinomial, seededRng } from '../../src/report/random.js';

function system(M: number[][]) {
  const k = M.length;
  const G = M.map((ra, a) => M.map((rb, b) => ra.reduce((s, x, j) => s + x * rb[j]!, 0) + (a === b ? 1e-12 : 0)));
  const inv = invertKkt(G);
  return { M: Float64Array.from(M.flat()), G: Float64Array.from(G.flat()), inv: inv === null ? null : Float64Array.from(inv.flat()), k };
}

describe('ActiveSetSolver', () => {
  it('gives simplexLeastSquares bit for bit, inside the simplex and on its faces', () => {
    const base: HeadConfusion = {
      multiLabel: false,
      values: ['a', 'b', 'c', 'd', 'e', 'f'],
      n: 1200,
      matrix: [
        [150, 20, 10, 10, 5, 5],
        [30, 120, 20, 10, 10, 10],
        [10, 20, 140, 20, 5, 5],
        [15, 15, 30, 110, 20, 10],
        [2, 3, 5, 10, 170, 10],
        [5, 5, 5, 20, 15, 150],
      ],
    };
    const rng = seededRng(11);
    let faces = 0;
    for (const c of resampledConfusions(base, 40, rng)) {
      const M = rowRates(c.matrix!);
      const s = system(M);
      const solver = new ActiveSetSolver(6);
      for (let t = 0; t < 50; t++) {
        // Small groups: many draws give a value no article, so the solution sits on a face.
        const counts = multinomial(20 + t * 7, [0.4, 0.05, 0.2, 0.02, 0.3, 0.03], rng);
        const q = counts.map((x) => x / counts.reduce((a, b) => a + b, 0));
        const expected = simplexLeastSquares(M, q);
        if (expected.some((x) => x === 0)) faces++;
        expect([...solver.solve(s, q)]).toEqual(expected);
      }
    }
    expect(faces).toBeGreaterThan(100);
  });

  it('solves a singular system (no KKT inverse) as the reference does', () => {
    const M = [
      [0.5, 0.5, 0],
      [0.5, 0.5, 0],
      [0, 0, 1],
    ];
    const s = system(M);
    for (const q of [
      [0.6, 0.3, 0.1],
      [0, 0, 1],
      [1, 0, 0],
    ]) {
      expect([...new ActiveSetSolver(3).solve(s, q)]).toEqual(simplexLeastSquares(M, q));
    }
  });
});
