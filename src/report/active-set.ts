// argmin ‖Mᵀπ − q‖² over the probability simplex (π ≥ 0, Σπ = 1): the adjusted classify-and-count
// solve of estimate.ts, for the point estimate and for the bootstrap's replicates that leave the
// simplex (affine.ts takes the interior ones). Grouped reports send a large share of their
// replicates here (a group of ~170 articles often draws a value 0 times), so the solver works in
// typed arrays reused across calls instead of allocating per call.

/** One confusion matrix's fixed matrices, flat: M and G = M Mᵀ (+1e-12 on the diagonal) are k×k, inv (k+1)×(k+1). */
export interface SimplexSystem {
  M: Float64Array;
  G: Float64Array;
  /** The inverse of the KKT matrix [[G, 1], [1ᵀ, 0]]; null when singular. */
  inv: Float64Array | null;
}

const systems = new WeakMap<readonly (readonly number[])[], SimplexSystem>();

/** The normal equations of M (kept per M: rowRates hands out one array per confusion matrix). */
export function simplexSystem(M: readonly (readonly number[])[]): SimplexSystem {
  let system = systems.get(M);
  if (system === undefined) {
    const k = M.length;
    const G = Array.from({ length: k }, (_, a) =>
      Array.from({ length: k }, (_, b) => {
        let s = 0;
        for (let j = 0; j < k; j++) s += M[a]![j]! * M[b]![j]!;
        // The ridge keeps G invertible when two classes have the same rates.
        return s + (a === b ? 1e-12 : 0);
      }),
    );
    const inv = invertKkt(G);
    system = { M: Float64Array.from(M.flat()), G: Float64Array.from(G.flat()), inv: inv === null ? null : Float64Array.from(inv.flat()) };
    systems.set(M, system);
  }
  return system;
}

/** The inverse of [[G, 1], [1ᵀ, 0]] (Gauss–Jordan), or null when singular. */
function invertKkt(G: readonly number[][]): number[][] | null {
  const k = G.length;
  const n = k + 1;
  const A = Array.from({ length: n }, (_, r) => [
    ...Array.from({ length: n }, (_, c) => (r < k ? (c < k ? G[r]![c]! : 1) : c < k ? 1 : 0)),
    ...Array.from({ length: n }, (_, c) => (r === c ? 1 : 0)),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    if (Math.abs(A[pivot]![col]!) < 1e-14) return null;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    const p = A[col]![col]!;
    for (let c = 0; c < 2 * n; c++) A[col]![c]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = A[r]![col]!;
      if (f !== 0) for (let c = 0; c < 2 * n; c++) A[r]![c]! -= f * A[col]![c]!;
    }
  }
  return A.map((row) => row.slice(n));
}

/** One solver per class count: solve() is synchronous, so callers never see each other's scratch arrays. */
const solvers = new Map<number, ActiveSetSolver>();

/** argmin ‖Mᵀπ − q‖² over the simplex, in a new array. */
export function simplexLeastSquares(M: readonly (readonly number[])[], q: readonly number[]): number[] {
  const k = q.length;
  let solver = solvers.get(k);
  if (solver === undefined) solvers.set(k, (solver = new ActiveSetSolver(k)));
  return [...solver.solve(simplexSystem(M), q)];
}

/**
 * Most solutions are interior: one multiplication by the KKT inverse. The others by an active
 * set: solve the equality-constrained problem on the free classes, fix the most negative at 0,
 * repeat; a class whose gradient says it should come back is freed again.
 */
export class ActiveSetSolver {
  private readonly h: Float64Array;
  private readonly x: Float64Array;
  private readonly pi: Float64Array;
  private readonly g: Float64Array;
  private readonly free: Uint8Array;
  private readonly idx: Int32Array;
  private readonly sol: Float64Array;
  /** The Lagrange system of solveEquality, (k+1) rows of k+2 columns; rows are swapped by `perm`. */
  private readonly A: Float64Array;
  private readonly perm: Int32Array;
  private readonly out: number[];

  constructor(private readonly k: number) {
    this.h = new Float64Array(k);
    this.x = new Float64Array(k);
    this.pi = new Float64Array(k);
    this.g = new Float64Array(k);
    this.free = new Uint8Array(k);
    this.idx = new Int32Array(k);
    this.sol = new Float64Array(k);
    this.A = new Float64Array((k + 1) * (k + 2));
    this.perm = new Int32Array(k + 1);
    this.out = new Array<number>(k).fill(0);
  }

  /** argmin ‖Mᵀπ − q‖² over the simplex; the returned array is reused by the next call. */
  solve(s: SimplexSystem, q: ArrayLike<number>): readonly number[] {
    const { k, h, out } = this;
    const { M, G, inv } = s;
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let j = 0; j < k; j++) v += M[a * k + j]! * q[j]!;
      h[a] = v;
    }
    if (inv !== null) {
      const w = k + 1;
      let ok = true;
      for (let r = 0; r < k && ok; r++) {
        let v = inv[r * w + k]!;
        for (let c = 0; c < k; c++) v += inv[r * w + c]! * h[c]!;
        this.x[r] = v;
        if (v < -1e-12) ok = false;
      }
      if (ok) {
        let total = 0;
        for (let r = 0; r < k; r++) total += Math.max(0, this.x[r]!);
        if (total > 0) {
          for (let r = 0; r < k; r++) out[r] = Math.max(0, this.x[r]!) / total;
          return out;
        }
      }
    }
    const { free, idx, sol, pi, g } = this;
    free.fill(1);
    pi.fill(1 / k);
    for (let iter = 0; iter < 3 * k + 3; iter++) {
      let m = 0;
      for (let i = 0; i < k; i++) if (free[i] === 1) idx[m++] = i;
      this.solveEquality(G, m);
      let worst = -1;
      for (let t = 0; t < m; t++) if (sol[t]! < -1e-12 && (worst < 0 || sol[t]! < sol[worst]!)) worst = t;
      if (worst >= 0) {
        free[idx[worst]!] = 0;
        continue;
      }
      pi.fill(0);
      for (let t = 0; t < m; t++) pi[idx[t]!] = Math.max(0, sol[t]!);
      // KKT check for the fixed classes: gradient g = 2(Gπ − h); with multiplier λ = g on free ones.
      for (let a = 0; a < k; a++) {
        let v = 0;
        for (let b = 0; b < k; b++) v += G[a * k + b]! * pi[b]!;
        g[a] = v - h[a]!;
      }
      const lambda = m > 0 ? g[idx[0]!]! : 0;
      let back = -1;
      for (let i = 0; i < k; i++) if (free[i] === 0 && g[i]! < lambda - 1e-12 && (back < 0 || g[i]! < g[back]!)) back = i;
      if (back < 0) break;
      free[back] = 1;
    }
    let sum = 0;
    for (let i = 0; i < k; i++) sum += pi[i]!;
    for (let i = 0; i < k; i++) out[i] = sum > 0 ? pi[i]! / sum : 1 / k;
    return out;
  }

  /**
   * min πᵀGπ − 2hᵀπ subject to Σπ = 1 over the m classes in idx, into sol: the Lagrange system by
   * Gaussian elimination with partial pivoting.
   */
  private solveEquality(G: Float64Array, m: number): void {
    if (m === 0) return;
    const { k, A, perm, idx, h, sol } = this;
    const w = m + 2;
    const size = m + 1;
    for (let r = 0; r < m; r++) {
      const row = r * w;
      for (let c = 0; c < m; c++) A[row + c] = G[idx[r]! * k + idx[c]!]!;
      A[row + m] = 1;
      A[row + m + 1] = h[idx[r]!]!;
    }
    for (let c = 0; c < m; c++) A[m * w + c] = 1;
    A[m * w + m] = 0;
    A[m * w + m + 1] = 1;
    for (let r = 0; r < size; r++) perm[r] = r;
    for (let col = 0; col < size; col++) {
      let pivot = col;
      for (let r = col + 1; r < size; r++) if (Math.abs(A[perm[r]! * w + col]!) > Math.abs(A[perm[pivot]! * w + col]!)) pivot = r;
      const swap = perm[col]!;
      perm[col] = perm[pivot]!;
      perm[pivot] = swap;
      const p = A[perm[col]! * w + col]!;
      if (Math.abs(p) < 1e-15) continue;
      const prow = perm[col]! * w;
      for (let r = 0; r < size; r++) {
        if (r === col) continue;
        const row = perm[r]! * w;
        const f = A[row + col]! / p;
        if (f === 0) continue;
        for (let c = col; c <= size; c++) A[row + c] = A[row + c]! - f * A[prow + c]!;
      }
    }
    for (let r = 0; r < m; r++) {
      const row = perm[r]! * w;
      const d = A[row + r]!;
      sol[r] = Math.abs(d) < 1e-15 ? 0 : A[row + size]! / d;
    }
  }
}
