// Text → the model's input vector. With `blocks: 'word+char'` the word features (words, bigrams,
// stems) and the character n-grams are tf-idf weighted and L2-normalized separately and then
// summed, as scikit-learn's FeatureUnion of two TfidfVectorizers does: otherwise the ~5× more
// numerous char n-grams drown the words. Both blocks share one hash space (and one idf table).
import { featurizeNormalized } from '../text/features.js';
import { normalize } from '../text/normalize.js';
import type { PipelineConfig, SparseVector } from '../text/types.js';

export type FeatureBlocks = 'joint' | 'word+char';

export interface Vectorizer {
  blocks: FeatureBlocks;
  pipeline: PipelineConfig;
  /** Raw (tf) vectors per block, for fitting idf and then `weigh`. */
  raw(text: string): SparseVector[];
}

export function vectorizer(pipeline: PipelineConfig, blocks: FeatureBlocks): Vectorizer {
  const f = pipeline.features;
  const configs: PipelineConfig[] =
    blocks === 'joint' || f.charNgrams === null || !(f.wordUnigrams || f.wordBigrams || f.stems)
      ? [pipeline]
      : [
          { ...pipeline, features: { ...f, charNgrams: null } },
          { ...pipeline, features: { ...f, wordUnigrams: false, wordBigrams: false, stems: false } },
        ];
  return {
    blocks: configs.length === 1 ? 'joint' : blocks,
    pipeline,
    raw(text) {
      const s = normalize(text, pipeline.normalize);
      return configs.map((c) => featurizeNormalized(s, c));
    },
  };
}

/** Union of the blocks' ids (for document frequencies). */
export function unionIds(parts: readonly SparseVector[]): SparseVector {
  if (parts.length === 1) return parts[0]!;
  return merge(parts.map((p) => ({ ids: p.ids, values: new Float32Array(p.ids.length).fill(1) })));
}

/** tf-idf per block, each L2-normalized, then summed into one sparse vector (ids ascending). */
export function weigh(parts: readonly SparseVector[], idf: Float32Array): SparseVector {
  const weighted = parts.map((p) => {
    const values = new Float32Array(p.ids.length);
    let sq = 0;
    for (let i = 0; i < p.ids.length; i++) {
      const w = p.values[i]! * (idf[p.ids[i]!] ?? 1);
      values[i] = w;
      sq += w * w;
    }
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let i = 0; i < values.length; i++) values[i]! *= inv;
    }
    return { ids: p.ids, values };
  });
  return weighted.length === 1 ? weighted[0]! : merge(weighted);
}

function merge(parts: readonly SparseVector[]): SparseVector {
  if (parts.length === 2) {
    const [a, b] = parts as [SparseVector, SparseVector];
    const ids = new Uint32Array(a.ids.length + b.ids.length);
    const values = new Float32Array(ids.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.ids.length || j < b.ids.length) {
      const x = i < a.ids.length ? a.ids[i]! : Infinity;
      const y = j < b.ids.length ? b.ids[j]! : Infinity;
      if (x === y) {
        ids[n] = x;
        values[n++] = a.values[i++]! + b.values[j++]!;
      } else if (x < y) {
        ids[n] = x;
        values[n++] = a.values[i++]!;
      } else {
        ids[n] = y;
        values[n++] = b.values[j++]!;
      }
    }
    return { ids: ids.subarray(0, n), values: values.subarray(0, n) };
  }
  return parts.slice(1).reduce((acc, p) => merge([acc, p]), parts[0]!);
}

/**
 * Smooth idf as in text/idf.ts, except that buckets seen in fewer than `minDf` training documents
 * get 0: a term that occurs once is noise for generalization but would take a large share of its
 * document's L2 norm (scikit-learn's min_df).
 */
export function fitIdfMinDf(docs: Iterable<SparseVector>, hashBits: number, minDf: number): Float32Array {
  const size = 2 ** hashBits;
  const df = new Uint32Array(size);
  let n = 0;
  for (const d of docs) {
    n++;
    for (let i = 0; i < d.ids.length; i++) df[d.ids[i]!]!++;
  }
  const idf = new Float32Array(size);
  for (let i = 0; i < size; i++) idf[i] = df[i]! < minDf ? 0 : Math.log((1 + n) / (1 + df[i]!)) + 1;
  return idf;
}
