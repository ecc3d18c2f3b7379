// Seeded draws for the report's bootstrap: a report run twice on the same data prints the same
// intervals. Binomials by inversion for small variances, the normal approximation otherwise (its
// error is far below the bootstrap's own Monte Carlo error at the sizes where it is used:
// n·p·(1−p) ≥ 25).
import { mulberry32 } from '../model/train/splits.js';

export type Rng = () => number;

/** The trainer's seeded generator (mulberry32), uniform in [0, 1). */
export const seededRng: (seed: number) => Rng = mulberry32;

/** A standard normal draw (Box–Muller, two uniforms). */
export function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  const q = 1 - p;
  return binomialUpToHalf(n, { p, logQ: Math.log(q), ratio: p / q }, rng);
}

/**
 * binomial(n, p) for p in (0, ½], with log(1 − p) and p / (1 − p) given: a caller drawing many
 * times with the same p (multinomial-draws.ts) computes them once.
 */
export function binomialUpToHalf(n: number, c: { p: number; logQ: number; ratio: number }, rng: Rng): number {
  const mean = n * c.p;
  const variance = mean * (1 - c.p);
  if (variance >= 25) return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(variance) * normal(rng))));
  // Inversion: one uniform, then the pmf by its recurrence from 0 (n·p steps on average, no
  // logarithm per step: grouped reports draw millions of these).
  let pmf = Math.exp(n * c.logQ);
  let u = rng();
  for (let k = 0; k < n; k++) {
    if (u < pmf) return k;
    u -= pmf;
    pmf *= (c.ratio * (n - k)) / (k + 1);
  }
  return n;
}

/** Counts of n draws over categories with the given probabilities (they need not sum to 1 exactly). */
export function multinomial(n: number, probs: readonly number[], rng: Rng): number[] {
  const out = new Array<number>(probs.length).fill(0);
  let left = n;
  let mass = probs.reduce((a, b) => a + b, 0);
  for (let i = 0; i < probs.length && left > 0; i++) {
    if (i === probs.length - 1 || mass <= 0) {
      out[i] = left;
      break;
    }
    const k = binomial(left, Math.min(1, probs[i]! / mass), rng);
    out[i] = k;
    left -= k;
    mass -= probs[i]!;
  }
  return out;
}
