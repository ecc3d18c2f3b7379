// How typical an article is of the corpus: its mean cosine similarity (word tf-idf, the src/text
// pipeline without character n-grams) to a reference set of articles — all of them, or a seeded
// sample. The mean of the similarities is the similarity to the references' mean vector, so it
// costs one pass over the articles whatever the number of references.
import { DEFAULT_PIPELINE, resolvePipelineConfig } from '../text/config.js';
import type { SparseVector } from '../text/types.js';
import { mulberry32 } from '../model/train.js';
import { fitIdfMinDf, vectorizer, weigh } from '../model/vectorize.js';

const PIPELINE = resolvePipelineConfig({ ...DEFAULT_PIPELINE, features: { ...DEFAULT_PIPELINE.features, charNgrams: null, hashBits: 16 } });

export interface WordVectors {
  /** Unit-length word tf-idf vectors, one per text. */
  x: SparseVector[];
  /** Cosine similarities of every text to text `i`. */
  similarities: (i: number) => Float32Array;
}

/** `pause` is called every 64 texts (a few milliseconds) so a caller can yield to its event loop. */
export async function wordVectors(texts: readonly string[], pause?: () => Promise<void>): Promise<WordVectors> {
  const n = texts.length;
  const vec = vectorizer(PIPELINE, 'joint');
  const raw: ReturnType<typeof vec.raw>[] = [];
  for (const t of texts) {
    raw.push(vec.raw(t));
    if (pause !== undefined && raw.length % 64 === 0) await pause();
  }
  const idf = fitIdfMinDf(
    raw.map((r) => r[0]!),
    PIPELINE.features.hashBits,
    Math.min(2, n),
  );
  const x = raw.map((r) => weigh(r, idf));
  const dense = new Float32Array(2 ** PIPELINE.features.hashBits);
  const similarities = (i: number): Float32Array => {
    scatter(dense, x[i]!, 1);
    const out = new Float32Array(n);
    for (let j = 0; j < n; j++) out[j] = dot(dense, x[j]!);
    scatter(dense, x[i]!, 0);
    return out;
  };
  return { x, similarities };
}

export interface DensityOptions {
  /** A seeded sample of this many references (drawn with replacement); default: every text. */
  references?: number;
  seed?: number;
}

/** Each vector's density: its mean cosine similarity to the references. */
export function density(vectors: WordVectors, opts: DensityOptions = {}): Float32Array {
  const { x } = vectors;
  const n = x.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let refs: number[];
  if (opts.references === undefined) refs = Array.from(x.keys());
  else {
    const rng = mulberry32(opts.seed ?? 1);
    refs = Array.from({ length: Math.min(opts.references, n) }, () => Math.floor(rng() * n));
  }
  const mean = new Float64Array(2 ** PIPELINE.features.hashBits);
  for (const r of refs) {
    const v = x[r]!;
    for (let i = 0; i < v.ids.length; i++) mean[v.ids[i]!]! += v.values[i]! / refs.length;
  }
  for (let j = 0; j < n; j++) out[j] = dot(mean, x[j]!);
  return out;
}

function scatter(dense: Float32Array, v: SparseVector, on: 0 | 1): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]!] = on === 1 ? v.values[i]! : 0;
}

function dot(dense: Float32Array | Float64Array, v: SparseVector): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += dense[v.ids[i]!]! * v.values[i]!;
  return s;
}
