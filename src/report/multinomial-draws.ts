// multinomial() (random.ts) for one fixed set of probabilities drawn from many times: a group's
// bootstrap draws its predicted counts 1,000 times from the same shares, and every conditional
// binomial's probability, its flip above ½, and the logarithm its inversion starts from depend on
// the shares alone (only the number of articles left varies). Computing them once per group saves
// a logarithm and the bookkeeping per binomial; the draws are the same, uniform for uniform, as
// multinomial()'s (tests/report/multinomial-draws.test.ts).
import { binomialUpToHalf } from './random.js';
import type { Rng } from './random.js';

export class MultinomialDraws {
  private readonly k: number;
  /** Per category: the binomial's probability after the flip (≤ ½), or a marker below. */
  private readonly p: Float64Array;
  private readonly logQ: Float64Array;
  private readonly ratio: Float64Array;
  /** 1: the draw is n minus the flipped binomial. */
  private readonly flipped: Uint8Array;
  /** 0 draw as a binomial; 1 the draw is 0 (p ≤ 0); 2 all that is left, then stop (last category, or no mass left); 3 all that is left (p ≥ 1). */
  private readonly kind: Uint8Array;

  constructor(probs: readonly number[]) {
    const k = probs.length;
    this.k = k;
    this.p = new Float64Array(k);
    this.logQ = new Float64Array(k);
    this.ratio = new Float64Array(k);
    this.flipped = new Uint8Array(k);
    this.kind = new Uint8Array(k);
    let mass = 0;
    for (const p of probs) mass += p;
    for (let i = 0; i < k; i++) {
      if (i === k - 1 || mass <= 0) {
        this.kind[i] = 2;
        break; // multinomial() stops here: later categories stay 0
      }
      let p = Math.min(1, probs[i]! / mass);
      mass -= probs[i]!;
      if (p <= 0) this.kind[i] = 1;
      else if (p >= 1) this.kind[i] = 3;
      else {
        if (p > 0.5) {
          this.flipped[i] = 1;
          p = 1 - p;
        }
        this.p[i] = p;
        const q = 1 - p;
        this.logQ[i] = Math.log(q);
        this.ratio[i] = p / q;
      }
    }
  }

  /** Counts of n draws into `out` (zeroed first), as multinomial(n, probs, rng) would draw them. */
  drawInto(n: number, rng: Rng, out: Float64Array): void {
    out.fill(0);
    let left = n;
    for (let i = 0; i < this.k && left > 0; i++) {
      const kind = this.kind[i]!;
      if (kind === 2) {
        out[i] = left;
        break;
      }
      let x = 0;
      if (kind === 3) x = left;
      else if (kind === 0) {
        const b = this.binomial(left, i, rng);
        x = this.flipped[i] === 1 ? left - b : b;
      }
      out[i] = x;
      left -= x;
    }
  }

  /** binomial(n, p[i]) for p[i] in (0, ½], as random.ts draws it. */
  private binomial(n: number, i: number, rng: Rng): number {
    return binomialUpToHalf(n, { p: this.p[i]!, logQ: this.logQ[i]!, ratio: this.ratio[i]! }, rng);
  }
}
