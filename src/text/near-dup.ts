// Near-duplicate fingerprints: a MinHash signature of an article's word 3-shingles, computed with one
// hash per shingle (one-permutation hashing: the hash's top bits pick one of BINS bins, each keeps
// its smallest value; empty bins borrow from the next filled one). The share of equal bins between
// two signatures estimates the Jaccard similarity of their shingle sets. LSH: BANDS bands of ROWS
// bins each; two articles whose signatures agree on a whole band are candidates, so a new article is
// compared with the few articles sharing one of its band keys, never with the whole corpus.
import { finishHash, mixUnit } from './hash.js';

export const BINS = 64;
export const ROWS = 4;
export const BANDS = BINS / ROWS;
const SHINGLE = 3;
const LOW = 0x3ffffff; // the 26 bits below the bin number
const EMPTY = 0xffffffff;

/** Letters and digits make words; spaces, punctuation and symbols separate them. */
function wordUnitRule(c: number): boolean {
  if (c < 0xc0) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || (c >= 0x066a && c <= 0x066d)) return false;
  return !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xfe30 && c <= 0xfe6f) && c !== 0xfeff;
}

// The rule as a table of every code unit (64 KiB, built once): one load per character instead of
// up to ten comparisons for an Arabic letter, in the loop that is most of the MinHash's time.
const WORD_UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) WORD_UNIT[c] = wordUnitRule(c) ? 1 : 0;

function isWordUnit(c: number): boolean {
  return WORD_UNIT[c] === 1;
}

/** Words as signatureOf counts them (to skip a title's). */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const w = isWordUnit(text.charCodeAt(i));
    if (w && !inWord) n++;
    inWord = w;
  }
  return n;
}

/**
 * The signature of a normalized text from word `skip` on (the title's words: a new headline must
 * not hide a copy). Null for texts shorter than one shingle.
 */
export function signatureOf(normalized: string, skip = 0): Uint32Array | null {
  const sig = new Uint32Array(BINS).fill(EMPTY);
  // One pass, no array of words: each word is hashed as it is scanned (hash32 of the word) and each
  // shingle as its third word ends, from the two word hashes before it. This loop is most of the
  // MinHash's time at import, which runs it on every article.
  let start = -1;
  let h = 0;
  let index = 0;
  let words = 0; // from word `skip` on
  let w1 = 0;
  let w2 = 0;
  for (let i = 0; i <= normalized.length; i++) {
    const c = i < normalized.length ? normalized.charCodeAt(i) : 0x20;
    if (isWordUnit(c)) {
      if (start < 0) {
        start = i;
        h = 0;
      }
      h = mixUnit(h, c);
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    start = -1;
    if (index++ >= skip) {
      const w = finishHash(h, length);
      if (++words >= SHINGLE) {
        const s = finishHash(mixUnit(mixUnit(mixUnit(0x9747b28c, w1), w2), w), 3);
        const bin = s >>> 26;
        const v = s & LOW;
        if (v < sig[bin]!) sig[bin] = v;
      }
      w1 = w2;
      w2 = w;
    }
  }
  if (words < SHINGLE) return null;
  // Densify: an empty bin takes the value of the next filled bin, marked with the distance, so that
  // two texts agree on it only when they agree on that bin.
  for (let b = 0; b < BINS; b++) {
    if (sig[b] !== EMPTY) continue;
    for (let d = 1; d < BINS; d++) {
      const from = sig[(b + d) % BINS]!;
      if (from !== EMPTY && from <= LOW) {
        sig[b] = (from + d * 0x4000000) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the shingle sets of two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

/** The LSH keys of a signature: band number × 2^32 + the band's hash (exact in a double). */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let r = 0; r < ROWS; r++) h = mixUnit(h, sig[band * ROWS + r]!);
    keys.push(band * 0x100000000 + finishHash(h, ROWS));
  }
  return keys;
}

/** A signature as stored (base64 of its little-endian bytes) and back. */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

export function decodeSignature(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(BINS);
  for (let i = 0; i < BINS; i++) out[i] = bytes.readUInt32LE(i * 4);
  return out;
}
