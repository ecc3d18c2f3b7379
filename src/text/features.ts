import { bucketOf, finishHash, mixRange, mixUnit } from './hash.js';
import { normalize } from './normalize.js';
import { radixSortIds } from './radix-sort.js';
import { stemRange } from './stem.js';
import { TokenSpans, scanTokens } from './tokenize.js';
import type { FeatureKind, FeatureTerm, PipelineConfig, SparseVector } from './types.js';

// Each feature kind hashes with its own seed, so a word, the same letters as a stem and the same
// letters as a character n-gram land in independent buckets instead of colliding systematically.
export const KIND_SEEDS: Readonly<Record<FeatureKind, number>> = Object.freeze({
  word: 0x2f6b_1a01,
  bigram: 0x5c3e_9b02,
  stem: 0x71d4_2c03,
  char: 0x1e8a_7d04,
});
const SEED_WORD = KIND_SEEDS.word;
const SEED_BIGRAM = KIND_SEEDS.bigram;
const SEED_STEM = KIND_SEEDS.stem;
const SEED_CHAR = KIND_SEEDS.char;

/** Word boundary marker of character n-grams (and the separator inside bigrams). */
const BOUNDARY = 0x20;
/** Longer tokens (pasted base64, runaway URLs without typed tokens) get no character n-grams. */
export const MAX_CHAR_NGRAM_TOKEN = 64;

// Scratch buffers reused across calls: the hot path allocates only its result.
const spans = new TokenSpans();
const stem = new Int32Array(2);
const padded = new Uint16Array(MAX_CHAR_NGRAM_TOKEN + 2);
// Occurrences are counted in a dense per-bucket array (up to 2^DENSE_BITS_MAX buckets) and the
// distinct buckets are marked in a two-level bitmap, which yields them in ascending order without a
// sort. Larger spaces collect every occurrence and radix-sort them. State lives in one object (not
// module-level lets, whose accesses V8 guards in hot loops).
const DENSE_BITS_MAX = 22;

interface Dense {
  counts: Uint16Array;
  /** Bit per bucket: seen in this text. */
  bitmap: Int32Array;
  /** Bit per bitmap word: the word is non-zero. */
  summary: Int32Array;
}
const denseByBits = new Map<number, Dense>();

class Accumulator {
  counts: Uint16Array = new Uint16Array(0);
  /** Counts past 0xffff (a 16-bit count array halves the cache footprint; big counts are rare). */
  overflow = new Map<number, number>();
  bitmap: Int32Array = new Int32Array(0);
  summary: Int32Array = new Int32Array(0);
  dense = false;
  ids = new Uint32Array(1 << 14);
  /** Distinct buckets (dense) or occurrences (sparse) so far. */
  n = 0;

  reset(bits: number): void {
    this.n = 0;
    this.dense = bits <= DENSE_BITS_MAX;
    if (!this.dense) return;
    let d = denseByBits.get(bits);
    if (d === undefined) {
      const size = 2 ** bits;
      d = {
        counts: new Uint16Array(size),
        bitmap: new Int32Array(Math.ceil(size / 32)),
        summary: new Int32Array(Math.ceil(size / 1024)),
      };
      denseByBits.set(bits, d);
    }
    this.counts = d.counts;
    this.bitmap = d.bitmap;
    this.summary = d.summary;
  }

  add(id: number): void {
    if (this.dense) {
      const c = this.counts[id]!;
      if (c === 0) {
        this.bitmap[id >>> 5]! |= 1 << (id & 31);
        this.summary[id >>> 10]! |= 1 << ((id >>> 5) & 31);
        this.n++;
      } else if (c === 0xffff) {
        this.overflow.set(id, (this.overflow.get(id) ?? 0) + 1);
        return;
      }
      this.counts[id] = c + 1;
      return;
    }
    if (this.n === this.ids.length) this.grow();
    this.ids[this.n++] = id;
  }

  grow(): void {
    const grown = new Uint32Array(this.ids.length * 2);
    grown.set(this.ids);
    this.ids = grown;
  }
}

const acc = new Accumulator();

/**
 * Enumerates every feature occurrence of the normalized text `s` as a bucket id into `ids`; when
 * `terms` is given, also records each occurrence's readable term (slow path, for explanations).
 */
function collect(s: string, config: PipelineConfig, terms: FeatureTerm[] | null): void {
  const f = config.features;
  const bits = f.hashBits;
  const grams = f.charNgrams;
  acc.reset(bits);
  scanTokens(s, spans);
  const { starts, ends, typed, count } = spans;
  // Each short token's code units are scrambled into murmur blocks once (into `cur`, padded with
  // boundaries for the n-grams); its word, stem, bigram and n-gram hashes all mix those blocks.
  let cur = blocksA;
  let prev = blocksB;
  let prevShort = false;
  for (let t = 0; t < count; t++) {
    const a = starts[t]!;
    const b = ends[t]!;
    const len = b - a;
    const short = len <= MAX_CHAR_NGRAM_TOKEN;
    if (short) {
      padded[0] = BOUNDARY;
      cur[0] = BOUNDARY_BLOCK;
      for (let i = 0; i < len; i++) {
        const u = s.charCodeAt(a + i);
        padded[i + 1] = u;
        let k = Math.imul(u, 0xcc9e2d51);
        k = (k << 15) | (k >>> 17);
        cur[i + 1] = Math.imul(k, 0x1b873593);
      }
      padded[len + 1] = BOUNDARY;
      cur[len + 1] = BOUNDARY_BLOCK;
    }
    if (f.wordUnigrams) {
      const h = short ? mixBlocks(SEED_WORD, cur, 1, len + 1) : mixRange(SEED_WORD, s, a, b);
      const id = bucketOf(finishHash(h, len), bits);
      acc.add(id);
      if (terms !== null) terms.push({ term: s.slice(a, b), kind: 'word', id });
    }
    if (f.wordBigrams && t > 0) {
      const pa = starts[t - 1]!;
      const pb = ends[t - 1]!;
      let h = prevShort ? mixBlocks(SEED_BIGRAM, prev, 1, pb - pa + 1) : mixRange(SEED_BIGRAM, s, pa, pb);
      h = mixUnit(h, BOUNDARY);
      h = short ? mixBlocks(h, cur, 1, len + 1) : mixRange(h, s, a, b);
      const id = bucketOf(finishHash(h, pb - pa + 1 + len), bits);
      acc.add(id);
      if (terms !== null) terms.push({ term: `${s.slice(pa, pb)} ${s.slice(a, b)}`, kind: 'bigram', id });
    }
    // Typed tokens (<url>, <num>, ...) are words and bigrams only: their letters mean nothing.
    if (typed[t] === 0) {
      if (f.stems && stemRange(s, a, b, stem)) {
        const sa = stem[0]!;
        const sb = stem[1]!;
        const h = short ? mixBlocks(SEED_STEM, cur, sa - a + 1, sb - a + 1) : mixRange(SEED_STEM, s, sa, sb);
        const id = bucketOf(finishHash(h, sb - sa), bits);
        acc.add(id);
        if (terms !== null) terms.push({ term: s.slice(sa, sb), kind: 'stem', id });
      }
      if (grams !== null && short) charGrams(cur, len + 2, grams.min, grams.max, bits, terms);
    }
    const swap = cur;
    cur = prev;
    prev = swap;
    prevShort = short;
  }
}

/** Mixes pre-scrambled blocks[from, to) into the state h (mixUnit without the scrambling). */
function mixBlocks(h: number, blocks: Int32Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    h ^= blocks[i]!;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return h;
}

const blocksA = new Int32Array(MAX_CHAR_NGRAM_TOKEN + 2);
const blocksB = new Int32Array(MAX_CHAR_NGRAM_TOKEN + 2);
const BOUNDARY_BLOCK = Math.imul((Math.imul(BOUNDARY, 0xcc9e2d51) << 15) | (Math.imul(BOUNDARY, 0xcc9e2d51) >>> 17), 0x1b873593);

/**
 * Character n-grams of " word " (the boundaries mark prefixes and suffixes), never across words.
 * This is most of featurize's work, so it is written flat over the token's pre-scrambled blocks
 * (`len` = token length + 2 boundaries), hashing and counting inlined; readable terms take a
 * separate slow path.
 */
function charGrams(blk: Int32Array, len: number, min: number, max: number, bits: number, terms: FeatureTerm[] | null): void {
  const pad = padded;
  if (terms !== null) {
    charGramTerms(blk, len, min, max, bits, terms);
    return;
  }
  if (!acc.dense) {
    charGramsSparse(blk, len, min, max, bits);
    return;
  }
  const shift = 32 - bits;
  const counts = acc.counts;
  const bitmap = acc.bitmap;
  const summary = acc.summary;
  let n = acc.n;
  for (let p = 0; p + min <= len; p++) {
    let h = SEED_CHAR;
    const top = Math.min(max, len - p);
    for (let g = 1; g <= top; g++) {
      h ^= blk[p + g - 1]!;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      if (g < min) continue;
      if (g === 1 && pad[p] === BOUNDARY) continue; // a lone boundary is not a feature
      let f = h ^ (g << 2);
      f ^= f >>> 16;
      f = Math.imul(f, 0x85ebca6b);
      f ^= f >>> 13;
      f = Math.imul(f, 0xc2b2ae35);
      f ^= f >>> 16;
      const id = f >>> shift;
      const c = counts[id]!;
      if (c === 0) {
        bitmap[id >>> 5]! |= 1 << (id & 31);
        summary[id >>> 10]! |= 1 << ((id >>> 5) & 31);
        n++;
      } else if (c === 0xffff) {
        acc.overflow.set(id, (acc.overflow.get(id) ?? 0) + 1);
        continue;
      }
      counts[id] = c + 1;
    }
  }
  acc.n = n;
}

/** charGrams for hash spaces too large to count densely. */
function charGramsSparse(blk: Int32Array, len: number, min: number, max: number, bits: number): void {
  for (let p = 0; p + min <= len; p++) {
    let h = SEED_CHAR;
    const top = Math.min(max, len - p);
    for (let g = 1; g <= top; g++) {
      h ^= blk[p + g - 1]!;
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      if (g < min) continue;
      if (g === 1 && padded[p] === BOUNDARY) continue;
      acc.add(bucketOf(finishHash(h, g), bits));
    }
  }
}

/** The slow twin of charGrams' inner loops, recording each n-gram's text. */
function charGramTerms(blk: Int32Array, len: number, min: number, max: number, bits: number, terms: FeatureTerm[]): void {
  for (let p = 0; p + min <= len; p++) {
    let h = SEED_CHAR;
    const top = Math.min(max, len - p);
    for (let g = 1; g <= top; g++) {
      h = mixUnit(h, padded[p + g - 1]!);
      if (g < min) continue;
      if (g === 1 && padded[p] === BOUNDARY) continue;
      const id = bucketOf(finishHash(h, g), bits);
      acc.add(id);
      terms.push({ term: String.fromCharCode(...padded.subarray(p, p + g)), kind: 'char', id });
    }
  }
}

/**
 * Hashed term frequencies of raw `text` under `config` (normalization included): ids strictly
 * ascending, values tf or 1 + ln(tf) when `sublinearTf`. Not idf-weighted, not normalized.
 */
export function featurize(text: string, config: PipelineConfig): SparseVector {
  const s = normalize(text, config.normalize);
  collect(s, config, null);
  return countIds(config.features.sublinearTf, config.features.hashBits);
}

/** Same as featurize but from already-normalized text (skips a second normalization). */
export function featurizeNormalized(normalized: string, config: PipelineConfig): SparseVector {
  collect(normalized, config, null);
  return countIds(config.features.sublinearTf, config.features.hashBits);
}

// 1 + ln(tf) for small tf (Math.log per distinct feature was a visible share of featurize).
const SUBLINEAR = Float32Array.from({ length: 1024 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

function tfWeight(tf: number, sublinear: boolean): number {
  if (!sublinear) return tf;
  return tf < 1024 ? SUBLINEAR[tf]! : 1 + Math.log(tf);
}

function countIds(sublinear: boolean, bits: number): SparseVector {
  const n = acc.n;
  if (n === 0) return { ids: new Uint32Array(0), values: new Float32Array(0) };
  if (acc.dense) {
    // Walk the set bits in ascending order, reading and clearing counts and bitmaps as we go.
    const { counts, bitmap, summary } = acc;
    const outIds = new Uint32Array(n);
    const outValues = new Float32Array(n);
    let j = 0;
    for (let sw = 0; sw < summary.length; sw++) {
      let sbits = summary[sw]!;
      if (sbits === 0) continue;
      summary[sw] = 0;
      while (sbits !== 0) {
        const low = sbits & -sbits;
        sbits ^= low;
        const w = (sw << 5) | (31 - Math.clz32(low));
        let wbits = bitmap[w]!;
        bitmap[w] = 0;
        while (wbits !== 0) {
          const lb = wbits & -wbits;
          wbits ^= lb;
          const id = (w << 5) | (31 - Math.clz32(lb));
          let tf = counts[id]!;
          counts[id] = 0;
          if (tf === 0xffff && acc.overflow.size > 0) {
            tf += acc.overflow.get(id) ?? 0;
            acc.overflow.delete(id);
          }
          outIds[j] = id;
          outValues[j] = tfWeight(tf, sublinear);
          j++;
        }
      }
    }
    return { ids: outIds, values: outValues };
  }
  const sorted = radixSortIds(acc.ids, n, bits);
  let unique = 1;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) unique++;
  const outIds = new Uint32Array(unique);
  const outValues = new Float32Array(unique);
  let j = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && sorted[i] === sorted[i - 1]) {
      run++;
      continue;
    }
    outIds[j] = sorted[i - 1]!;
    outValues[j] = tfWeight(run, sublinear);
    j++;
    run = 1;
  }
  return { ids: outIds, values: outValues };
}

/**
 * The features of `text` with their readable terms, each distinct (kind, term) once, in order of
 * first occurrence. Terms are in normalized form; a character n-gram shows word boundaries as spaces
 * (" ال" is a word start). `hash32(term, KIND_SEEDS[kind])` gives the bucket's hash.
 */
export function featureTerms(text: string, config: PipelineConfig): FeatureTerm[] {
  const s = normalize(text, config.normalize);
  const all: FeatureTerm[] = [];
  collect(s, config, all);
  countIds(false, config.features.hashBits); // resets the shared counters
  const seen = new Set<string>();
  const distinct: FeatureTerm[] = [];
  for (const ft of all) {
    const key = `${ft.kind}\u0000${ft.term}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(ft);
  }
  return distinct;
}
