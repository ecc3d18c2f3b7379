// The vocabulary and subword rows of the embeddings. Tokens come from the one text pipeline
// (normalize + tokenize of src/text), so the embeddings see exactly the words the sparse features
// and serving see. A word's input vector is the mean of its own row (when it is in the vocabulary)
// and the rows of its character n-grams, hashed into `2^bucketBits` buckets after the vocabulary
// rows (fastText's scheme): a word never seen in the corpus still gets a vector from its pieces,
// which matters for Arabic's clitics and inflections.
import { hash32 } from '../../text/hash.js';
import { normalize } from '../../text/normalize.js';
import { TokenSpans, scanTokens } from '../../text/tokenize.js';
import type { NormalizeOptions } from '../../text/types.js';

/** Seed of the subword hash (part of every saved embedding; never change it). */
export const SUBWORD_SEED = 0x5eed_0e3b;

export interface SubwordOptions {
  /** Character n-gram lengths over `<word>` (boundaries marked). */
  minn: number;
  maxn: number;
  bucketBits: number;
}

export interface Vocabulary {
  words: string[];
  index: Map<string, number>;
  counts: Float64Array;
  subwords: SubwordOptions;
  /** Rows of the input table: words, then the n-gram buckets. */
  rows: number;
}

/** Normalized word tokens of a text, as strings. */
export function textTokens(text: string, normalization: NormalizeOptions, spans = new TokenSpans()): string[] {
  const s = normalize(text, normalization);
  scanTokens(s, spans);
  const out = new Array<string>(spans.count);
  for (let t = 0; t < spans.count; t++) out[t] = s.slice(spans.starts[t], spans.ends[t]);
  return out;
}

/**
 * Words seen at least `minCount` times, most frequent first (ties by code-unit order, so the
 * vocabulary does not depend on document order), at most `maxWords`.
 */
export function buildVocabulary(docs: readonly string[][], opts: { minCount: number; maxWords: number; subwords: SubwordOptions }): Vocabulary {
  const counts = new Map<string, number>();
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  const kept = [...counts].filter(([, c]) => c >= opts.minCount);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = kept.slice(0, opts.maxWords);
  const words = top.map(([w]) => w);
  return {
    words,
    index: new Map(words.map((w, i) => [w, i])),
    counts: Float64Array.from(top, ([, c]) => c),
    subwords: { ...opts.subwords },
    rows: words.length + 2 ** opts.subwords.bucketBits,
  };
}

/** Typed tokens (`<num>`, `<url>` …) are whole symbols: no n-grams. */
function isTyped(w: string): boolean {
  return w.length > 2 && w.charCodeAt(0) === 0x3c && w.charCodeAt(w.length - 1) === 0x3e;
}

/** The input rows of a word: its vocabulary row (if any) then its n-gram buckets, in n-gram order. */
export function wordRows(v: Vocabulary, word: string): Int32Array {
  const own = v.index.get(word);
  const rows: number[] = own === undefined ? [] : [own];
  if (!isTyped(word)) {
    const s = `<${word}>`;
    const base = v.words.length;
    const shift = 32 - v.subwords.bucketBits;
    for (let n = v.subwords.minn; n <= v.subwords.maxn; n++) {
      for (let i = 0; i + n <= s.length; i++) {
        if (n === s.length) continue; // the whole `<word>` is the word row's job
        rows.push(base + (hash32(s.slice(i, i + n), SUBWORD_SEED) >>> shift));
      }
    }
  }
  return Int32Array.from(rows);
}
