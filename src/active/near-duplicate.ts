// Near-identical articles (the same wire story in two outlets, a retweet with a prefix) in one
// batch waste the analyst's time: both would be chosen because the model is unsure about the same
// thing. A MinHash signature over word 3-shingles estimates their Jaccard similarity cheaply.
import { DEFAULT_PIPELINE } from '../text/config.js';
import { hash32 } from '../text/hash.js';
import { normalize } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';

export const SIGNATURE_SIZE = 32;
/** Estimated shingle Jaccard from which two articles count as near-identical. */
export const NEAR_DUPLICATE = 0.6;
/** Long articles: the first words are enough to recognise a duplicate. */
const MAX_TOKENS = 600;

export function signature(text: string): Uint32Array {
  const tokens = tokenize(normalize(text, DEFAULT_PIPELINE.normalize)).slice(0, MAX_TOKENS);
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  const n = Math.max(1, tokens.length - 2);
  for (let i = 0; i < n; i++) {
    const shingle = tokens.slice(i, i + 3).join(' ');
    const base = hash32(shingle);
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      // Independent hash functions from one: h_k = mix(base, k).
      const h = (Math.imul(base ^ (k * 0x9e3779b1), 0x85ebca6b) ^ (base >>> 13)) >>> 0;
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two articles' shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}
