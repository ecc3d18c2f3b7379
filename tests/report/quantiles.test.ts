import { describe, expect, it } from 'vitest';
import { quantileOf } from '../../src/report/quantiles.js';
import { seededRng } from '../../src/report/random.js';

function sortedQuantile(xs: Float64Array, p: number): number {
  const s = Float64Array.from(xs).sort();
  const at = p * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

describe('quantileOf', () => {
  it("equals the sorted array's quantile on ties, runs, and random draws", () => {
    const rng = seededRng(4);
    const cases: Float64Array[] = [
      Float64Array.from({ length: 1000 }, () => rng()),
      Float64Array.from({ length: 1000 }, () => Math.floor(rng() * 5) / 5), // few distinct values
      Float64Array.from({ length: 1000 }, (_, i) => i / 1000), // sorted
      Float64Array.from({ length: 1000 }, (_, i) => 1 - i / 1000), // reversed
      new Float64Array(1000).fill(0.25),
      Float64Array.from([0.3]),
      Float64Array.from([0.7, 0.1]),
      Float64Array.from({ length: 37 }, () => rng() - 0.5),
    ];
    for (const xs of cases) {
      for (const p of [0, 0.025, 0.5, 0.975, 1]) expect(quantileOf(Float64Array.from(xs), p)).toBe(sortedQuantile(xs, p));
    }
  });
});
