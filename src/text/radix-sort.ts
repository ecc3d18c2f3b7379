// LSD radix sort for bucket ids: TypedArray.prototype.sort was 60% of featurize's time, this is
// linear (ceil(bits / 11) passes over the ids plus a 2048-entry histogram per pass).

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
const MASK = RADIX - 1;
const histogram = new Uint32Array(RADIX);
let scratch = new Uint32Array(1 << 14);

/**
 * Sorts `a[0, n)` (values < 2^bits) ascending. Returns the array holding the result: `a` itself
 * or an internal scratch buffer that the next call reuses (copy it out before calling again).
 */
export function radixSortIds(a: Uint32Array, n: number, bits: number): Uint32Array {
  if (n < 48) {
    for (let i = 1; i < n; i++) {
      const v = a[i]!;
      let j = i - 1;
      while (j >= 0 && a[j]! > v) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
    return a;
  }
  if (scratch.length < n) scratch = new Uint32Array(Math.max(n, scratch.length * 2));
  let src: Uint32Array = a;
  let dst: Uint32Array = scratch;
  for (let shift = 0; shift < bits; shift += RADIX_BITS) {
    histogram.fill(0);
    for (let i = 0; i < n; i++) histogram[(src[i]! >>> shift) & MASK]!++;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = histogram[d]!;
      histogram[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[histogram[(v >>> shift) & MASK]!++] = v;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}
