// MurmurHash3 (x86, 32-bit) over the UTF-16 code units of a string, each unit taken as one 32-bit
// little-endian block. Equivalently: murmur3_32 of the byte string where every code unit is written as
// 4 bytes LE. Working per code unit lets the feature extractor hash substrings, bigrams and padded
// character n-grams incrementally, without building the strings. The values are part of every trained
// model (they pick the buckets): never change them without bumping PIPELINE_VERSION.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Mixes one code unit into a running hash state. */
export function mixUnit(h: number, unit: number): number {
  let k = Math.imul(unit, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Finalizes a state after `units` code units were mixed in (murmur3 fmix32). */
export function finishHash(h: number, units: number): number {
  h ^= units << 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes `s[start, end)` into the state `h`. */
export function mixRange(h: number, s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) h = mixUnit(h, s.charCodeAt(i));
  return h;
}

/** The stable 32-bit hash of a string (unsigned). */
export function hash32(s: string, seed = 0): number {
  return finishHash(mixRange(seed | 0, s, 0, s.length), s.length);
}

/** Bucket of a 32-bit hash among 2^bits buckets (the top bits: fmix32 spreads them best). */
export function bucketOf(h: number, bits: number): number {
  return h >>> (32 - bits);
}
