import { describe, expect, it } from 'vitest';
import { ActiveSetSolver, simplexLeastSquares, simplexSystem } from '../../src/report/active-set.js';
import { resampledConfusions, rowRates } from '../../src/report/estimate.js';
import type { HeadConfusion } from '../../src/report/estimate.js';
import { multinomial, seededRng } from '../../src/report/random.js';

/**
 * The KKT conditions of min ‖Mᵀπ − q‖² over the simplex, which the problem's convexity makes
 * sufficient: π is on the simplex, and the gradient 2M(Mᵀπ − q) is one value λ on the support and
 * no smaller off it (each to within `tolerance`). Returns whether π has a zero share (a solution on a face).
 */
function expectOptimal(M: readonly (readonly number[])[], q: readonly number[], pi: readonly number[], { tolerance = 1e-9 } = {}): boolean {
  const k = q.length;
  expect(pi).toHaveLength(k);
  for (const p of pi) expect(p).toBeGreaterThanOrEqual(0);
  expect(Math.abs(pi.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  const residual = q.map((qj, j) => pi.reduce((s, p, i) => s + p * M[i]![j]!, 0) - qj);
  const gradient = M.map((row) => 2 * row.reduce((s, x, j) => s + x * residual[j]!, 0));
  const support = pi.flatMap((p, i) => (p > 1e-9 ? [i] : []));
  expect(support.length).toBeGreaterThan(0);
  const lambda = support.reduce((s, i) => s + gradient[i]!, 0) / support.length;
  gradient.forEach((g, i) => {
    if (support.includes(i)) expect(Math.abs(g - lambda)).toBeLessThan(tolerance);
    else expect(g).toBeGreaterThan(lambda - tolerance);
  });
  return pi.some((p) => p === 0);
}

describe('simplexLeastSquares', () => {
  it('is optimal on hand-built problems, inside the simplex and on its faces', () => {
    const identity = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const shares = [0.2, 0.5, 0.3];
    simplexLeastSquares(identity, shares).forEach((p, i) => expect(p).toBeCloseTo(shares[i]!, 12));
    expectOptimal(identity, shares, simplexLeastSquares(identity, shares));

    // Unconstrained π = (1.2, −0.2): more "a" predicted than even all-a explains, so π = (1, 0).
    const two = [
      [0.8, 0.2],
      [0.3, 0.7],
    ];
    const corner = simplexLeastSquares(two, [0.9, 0.1]);
    expect(corner[0]).toBeCloseTo(1, 12);
    expect(corner[1]).toBe(0);
    expect(expectOptimal(two, [0.9, 0.1], corner)).toBe(true);

    // An edge of a 4-class simplex: nothing predicted "d" and "d" is rarely mistaken for anything.
    const four = [
      [0.7, 0.1, 0.1, 0.1],
      [0.1, 0.7, 0.1, 0.1],
      [0.1, 0.1, 0.7, 0.1],
      [0.05, 0.05, 0.05, 0.85],
    ];
    const q = [0.45, 0.35, 0.2, 0];
    expect(expectOptimal(four, q, simplexLeastSquares(four, q))).toBe(true);
  });

  it('is optimal when two classes have the same rates (G singular but for its ridge)', () => {
    const M = [
      [0.5, 0.5, 0],
      [0.5, 0.5, 0],
      [0, 0, 1],
    ];
    // Without the KKT inverse (as when it is singular) every problem goes to the active set.
    const withoutInverse = { ...simplexSystem(M), inv: null };
    // G's condition number is about 1e12 (only the 1e-12 ridge keeps it invertible), so the
    // shares, and with them the gradient, are good to about 1e-5 rather than 1e-9.
    const tolerance = 1e-4;
    for (const q of [
      [0.6, 0.3, 0.1],
      [0, 0, 1],
      [1, 0, 0],
    ]) {
      expectOptimal(M, q, simplexLeastSquares(M, q), { tolerance });
      expectOptimal(M, q, [...new ActiveSetSolver(3).solve(withoutInverse, q)], { tolerance });
    }
  });

  it('is optimal on seeded random problems, many of them on a face', () => {
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
      for (let t = 0; t < 50; t++) {
        // Small groups: many draws give a value no article, so the solution sits on a face.
        const counts = multinomial(20 + t * 7, [0.4, 0.05, 0.2, 0.02, 0.3, 0.03], rng);
        const q = counts.map((x) => x / counts.reduce((a, b) => a + b, 0));
        if (expectOptimal(M, q, simplexLeastSquares(M, q))) faces++;
      }
    }
    expect(faces).toBeGreaterThan(100);

    // Rates from no classifier (rows far from diagonal) and predicted shares anywhere on the simplex.
    for (let t = 0; t < 200; t++) {
      const k = 2 + (t % 7);
      const M = Array.from({ length: k }, () => {
        const row = Array.from({ length: k }, () => rng());
        const s = row.reduce((a, b) => a + b, 0);
        return row.map((x) => x / s);
      });
      const raw = Array.from({ length: k }, (_, i) => (i > 0 && rng() < 0.3 ? 0 : rng() + 1e-3));
      const s = raw.reduce((a, b) => a + b, 0);
      const q = raw.map((x) => x / s);
      expectOptimal(M, q, simplexLeastSquares(M, q));
    }
  });

  it('returns a new array on each call, though one solver serves every call of the same size', () => {
    const M = [
      [0.8, 0.2],
      [0.3, 0.7],
    ];
    const first = simplexLeastSquares(M, [0.6, 0.4]);
    const copy = first.slice();
    simplexLeastSquares(M, [0.1, 0.9]);
    expect(first).toEqual(copy);
  });
});
