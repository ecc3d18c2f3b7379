// Seeded draws for the report's bootstrap: a report run twice on the same data prints the same
// intervals. Binomials by inversion for small variances, the normal approximation otherwise (its
// error is far below the bootstrap's own Monte Carlo error at the sizes where it is used:
// n·p·(1−p) ≥ 25).
import { mulberry32 } from '../model/train/splits.js';

export type Rng = () => number;

/** The trainer's seeded generator (mulberry32), uniform in [0, 1). */
export const seededRng: (seed: number) => Rng = mulberry32;

function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function binomial(n: number, p: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, rng);
  const mean = n * p;
  const variance = mean * (1 - p);
  if (variance >= 25) return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(variance) * normal(rng))));
  // Inversion: one uniform, then the pmf by its recurrence from 0 (n·p steps on average, no
  // logarithm per step: grouped reports draw millions of these).
  const q = 1 - p;
  const r = p / q;
  let pmf = Math.exp(n * Math.log(q));
  let u = rng();
  for (let k = 0; k < n; k++) {
    if (u < pmf) return k;
    u -= pmf;
    pmf *= (r * (n - k)) / (k + 1);
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

/** multinomial() into a reusable array (the bootstrap's inner loop allocates nothing). */
export function multinomialInto(n: number, probs: readonly number[], rng: Rng, out: Float64Array): void {
  out.fill(0);
  let left = n;
  let mass = 0;
  for (const p of probs) mass += p;
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
}
