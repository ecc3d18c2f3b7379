import { bucketOf, finishHash, mixRange, mixUnit } from './hash.js';
import { normalize } from './normalize.js';
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
let ids = new Uint32Array(1 << 14);
let idCount = 0;

function pushId(id: number): void {
  if (idCount === ids.length) {
    const grown = new Uint32Array(ids.length * 2);
    grown.set(ids);
    ids = grown;
  }
  ids[idCount++] = id;
}

/**
 * Enumerates every feature occurrence of the normalized text `s` as a bucket id into `ids`; when
 * `terms` is given, also records each occurrence's readable term (slow path, for explanations).
 */
function collect(s: string, config: PipelineConfig, terms: FeatureTerm[] | null): void {
  const f = config.features;
  const bits = f.hashBits;
  const grams = f.charNgrams;
  idCount = 0;
  scanTokens(s, spans);
  const { starts, ends, typed, count } = spans;
  for (let t = 0; t < count; t++) {
    const a = starts[t]!;
    const b = ends[t]!;
    if (f.wordUnigrams) {
      const id = bucketOf(finishHash(mixRange(SEED_WORD, s, a, b), b - a), bits);
      pushId(id);
      if (terms !== null) terms.push({ term: s.slice(a, b), kind: 'word', id });
    }
    if (f.wordBigrams && t > 0) {
      const pa = starts[t - 1]!;
      const pb = ends[t - 1]!;
      let h = mixRange(SEED_BIGRAM, s, pa, pb);
      h = mixUnit(h, BOUNDARY);
      h = mixRange(h, s, a, b);
      const id = bucketOf(finishHash(h, pb - pa + 1 + b - a), bits);
      pushId(id);
      if (terms !== null) terms.push({ term: `${s.slice(pa, pb)} ${s.slice(a, b)}`, kind: 'bigram', id });
    }
    if (typed[t] === 1) continue; // <url>, <num>, ...: the word feature says it all
    if (f.stems && stemRange(s, a, b, stem)) {
      const sa = stem[0]!;
      const sb = stem[1]!;
      const id = bucketOf(finishHash(mixRange(SEED_STEM, s, sa, sb), sb - sa), bits);
      pushId(id);
      if (terms !== null) terms.push({ term: s.slice(sa, sb), kind: 'stem', id });
    }
    if (grams !== null && b - a <= MAX_CHAR_NGRAM_TOKEN) {
      // n-grams of " word " (boundaries mark prefixes and suffixes), never across words.
      const len = b - a + 2;
      padded[0] = BOUNDARY;
      for (let i = a; i < b; i++) padded[i - a + 1] = s.charCodeAt(i);
      padded[len - 1] = BOUNDARY;
      const { min, max } = grams;
      for (let p = 0; p + min <= len; p++) {
        let h = SEED_CHAR;
        const top = Math.min(max, len - p);
        for (let n = 1; n <= top; n++) {
          const u = padded[p + n - 1]!;
          h = mixUnit(h, u);
          if (n < min) continue;
          if (n === 1 && u === BOUNDARY) continue; // a lone boundary is not a feature
          const id = bucketOf(finishHash(h, n), bits);
          pushId(id);
          if (terms !== null) {
            terms.push({ term: String.fromCharCode(...padded.subarray(p, p + n)), kind: 'char', id });
          }
        }
      }
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
  return countIds(config.features.sublinearTf);
}

/** Same as featurize but from already-normalized text (skips a second normalization). */
export function featurizeNormalized(normalized: string, config: PipelineConfig): SparseVector {
  collect(normalized, config, null);
  return countIds(config.features.sublinearTf);
}

function countIds(sublinear: boolean): SparseVector {
  if (idCount === 0) return { ids: new Uint32Array(0), values: new Float32Array(0) };
  const sorted = ids.subarray(0, idCount).sort();
  let unique = 1;
  for (let i = 1; i < idCount; i++) if (sorted[i] !== sorted[i - 1]) unique++;
  const outIds = new Uint32Array(unique);
  const outValues = new Float32Array(unique);
  let j = 0;
  let run = 1;
  for (let i = 1; i <= idCount; i++) {
    if (i < idCount && sorted[i] === sorted[i - 1]) {
      run++;
      continue;
    }
    outIds[j] = sorted[i - 1]!;
    outValues[j] = sublinear ? 1 + Math.log(run) : run;
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
