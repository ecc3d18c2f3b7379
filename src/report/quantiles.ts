// Percentile interval ends of a bootstrap's draws, by selection instead of sorting: a grouped
// report takes two quantiles of 1,000 draws for each of thousands of values, and sorting them all
// was a tenth of its time. The numbers are the sorted array's, interpolated the same way.

/** The `p` quantile of `draws` as of the sorted array (linear interpolation); reorders `draws`. */
export function quantileOf(draws: Float64Array, p: number): number {
  const n = draws.length;
  const at = p * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(n - 1, lo + 1);
  const a = select(draws, lo);
  let b = a;
  if (hi > lo) {
    // After selecting position lo everything right of it is ≥ it: the next order statistic is their minimum.
    b = draws[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (draws[i]! < b) b = draws[i]!;
  }
  return a + (b - a) * (at - lo);
}

/** Places the k-th smallest value at index k, smaller ones left of it and larger right (Hoare's quickselect). */
function select(x: Float64Array, k: number): number {
  let left = 0;
  let right = x.length - 1;
  while (right > left) {
    // Median of three as the pivot: bootstrap draws are often already nearly in order (equal counts).
    const mid = (left + right) >>> 1;
    const pivot = median3(x[left]!, x[mid]!, x[right]!);
    let i = left;
    let j = right;
    while (i <= j) {
      while (x[i]! < pivot) i++;
      while (x[j]! > pivot) j--;
      if (i <= j) {
        const t = x[i]!;
        x[i] = x[j]!;
        x[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return x[k]!;
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
