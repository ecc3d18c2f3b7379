// The first sample, before any model exists: diverse (no two picks alike) and representative (no
// outliers first). Greedy: each pick maximizes density × distance to the nearest earlier pick, over
// word tf-idf vectors (the src/text pipeline without character n-grams: fewer features, the same
// topical signal). Density is the mean cosine similarity to a fixed random reference set.
import { DEFAULT_PIPELINE, resolvePipelineConfig } from '../text/config.js';
import type { SparseVector } from '../text/types.js';
import { mulberry32 } from '../model/train.js';
import { fitIdfMinDf, vectorizer, weigh } from '../model/vectorize.js';

const PIPELINE = resolvePipelineConfig({ ...DEFAULT_PIPELINE, features: { ...DEFAULT_PIPELINE.features, charNgrams: null, hashBits: 16 } });
const REFERENCES = 100;

export interface ColdStartOptions {
  /** How many picks to order. */
  picks: number;
  seed: number;
  /** Called between picks so a caller can yield to its event loop. */
  pause?: () => Promise<void>;
}

/** Indices into `texts`, in the order to ask for them. */
export async function coldStartOrder(texts: readonly string[], opts: ColdStartOptions): Promise<number[]> {
  const n = texts.length;
  if (n === 0) return [];
  const vec = vectorizer(PIPELINE, 'joint');
  const raw = texts.map((t) => vec.raw(t));
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
  const rng = mulberry32(opts.seed);
  const refs = Array.from({ length: Math.min(REFERENCES, n) }, () => Math.floor(rng() * n));
  const density = new Float32Array(n);
  for (const r of refs) {
    const s = similarities(r);
    for (let j = 0; j < n; j++) density[j]! += s[j]! / refs.length;
  }
  // Distance to the nearest pick so far (1 - cosine); 1 before the first pick.
  const nearest = new Float32Array(n).fill(1);
  const taken = new Uint8Array(n);
  const order: number[] = [];
  const picks = Math.min(opts.picks, n);
  while (order.length < picks) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < n; j++) {
      if (taken[j] === 1) continue;
      const score = (density[j]! + 1e-6) * nearest[j]!;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    taken[best] = 1;
    order.push(best);
    const s = similarities(best);
    for (let j = 0; j < n; j++) nearest[j] = Math.min(nearest[j]!, 1 - s[j]!);
    if (opts.pause !== undefined && order.length % 8 === 0) await opts.pause();
  }
  return order;
}

function scatter(dense: Float32Array, v: SparseVector, on: 0 | 1): void {
  for (let i = 0; i < v.ids.length; i++) dense[v.ids[i]!] = on === 1 ? v.values[i]! : 0;
}

function dot(dense: Float32Array, v: SparseVector): number {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += dense[v.ids[i]!]! * v.values[i]!;
  return s;
}
