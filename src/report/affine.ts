// The single-label ACC solve of every bootstrap replicate, prepared once per report. The
// simplex least-squares solution is, when all its shares are positive (nearly always), the KKT
// system's inverse applied to (M q, 1): an affine map π = c + P·q of the predicted shares q, with
// P = inv[:k, :k]·M and c = inv[:k, k] fixed by the replicate's confusion rates M. Groups share the
// replicates (they share the one set of validation counts), so each group's replicate costs k²
// multiply-adds in typed arrays; a replicate whose solution leaves the simplex falls back to the
// active-set solver (active-set.ts), on the replicate's matrices kept here.
import type { HeadConfusion } from '../model/io.js';
import { ActiveSetSolver, simplexSystem } from './active-set.js';
import type { SimplexSystem } from './active-set.js';
import { rowRates } from './estimate.js';

export class AffineReplicates {
  private readonly P: Float64Array;
  private readonly c: Float64Array;
  /** Per replicate: its rates, Gram matrix and KKT inverse (null when singular: always the active-set solver). */
  private readonly systems: SimplexSystem[];
  private readonly activeSet: ActiveSetSolver;
  private readonly out: number[];
  private readonly q: number[];

  constructor(
    confusions: readonly HeadConfusion[],
    private readonly k: number,
  ) {
    const B = confusions.length;
    this.P = new Float64Array(B * k * k);
    this.c = new Float64Array(B * k);
    this.systems = [];
    this.activeSet = new ActiveSetSolver(k);
    this.out = new Array<number>(k).fill(0);
    this.q = new Array<number>(k).fill(0);
    confusions.forEach((conf, b) => {
      const system = simplexSystem(rowRates(conf.matrix!));
      this.systems.push(system);
      const { M, inv } = system;
      if (inv === null) return;
      const w = k + 1;
      for (let r = 0; r < k; r++) {
        this.c[b * k + r] = inv[r * w + k]!;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let a = 0; a < k; a++) s += inv[r * w + a]! * M[a * k + j]!;
          this.P[(b * k + r) * k + j] = s;
        }
      }
    });
  }

  /** Replicate b's shares for predicted counts `counts` (not normalized); the array is reused. */
  solve(b: number, counts: Float64Array): readonly number[] {
    const k = this.k;
    let total = 0;
    for (let j = 0; j < k; j++) total += counts[j]!;
    for (let j = 0; j < k; j++) this.q[j] = counts[j]! / total;
    const system = this.systems[b]!;
    if (system.inv !== null) {
      let ok = true;
      let sum = 0;
      for (let r = 0; r < k && ok; r++) {
        let x = this.c[b * k + r]!;
        const row = (b * k + r) * k;
        for (let j = 0; j < k; j++) x += this.P[row + j]! * this.q[j]!;
        if (x < -1e-12) ok = false;
        this.out[r] = Math.max(0, x);
        sum += Math.max(0, x);
      }
      if (ok && sum > 0) {
        for (let r = 0; r < k; r++) this.out[r] = this.out[r]! / sum;
        return this.out;
      }
    }
    return this.activeSet.solve(system, this.q);
  }
}
